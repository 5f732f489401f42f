import { Router, type RequestHandler } from 'express';
import type { SandboxContext } from '../context.js';
import { UNCERTAIN } from '../uncertain.js';

/** The SAP_COM_0501 inbound service (sap-apis.md C); its entity model is not published, see UNCERTAIN.taskReplication. */
export const TASK_REPLICATION_PATH = '/sap/opu/odata4/sap/api_task_spi_replication/default/sap/api_task_spi_replication/0001';
const MODEL = UNCERTAIN.taskReplication;

const odataError = (code: string, message: string) => ({ error: { code, message } });

/** Only a bearer token from the SAML2 bearer flow opens this service, and only while an SAP_COM_0501 arrangement exists. */
function requireFlowToken(ctx: SandboxContext): RequestHandler {
  return (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? ctx.state.s4.accessTokens.get(header.slice(7)) : undefined;
    if (!token || token.expiresAt <= ctx.now().getTime()) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="SAP NetWeaver Application Server"');
      res.status(401).json(odataError('/IWFND/CM_CONSUMER/101', 'Not authorized: a valid OAuth 2.0 access token is required'));
      return;
    }
    const arranged = [...ctx.state.s4.arrangements.values()].some((a) => a.CommunicationScenarioID === 'SAP_COM_0501');
    if (!arranged) {
      res.status(403).json(odataError('/IWFND/CM_CONSUMER/102', 'No authorization: no communication arrangement for SAP_COM_0501 exists'));
      return;
    }
    res.locals.userUuid = token.userUuid;
    next();
  };
}

function tasksFor(userUuid: string, now: Date) {
  return MODEL.demoTasks.map((task, index) => ({
    [MODEL.key]: `${userUuid.slice(0, 8)}-${index + 1}`,
    ...task,
    CreatedOn: new Date(now.getTime() - (index + 1) * 3_600_000).toISOString(),
    RecipientUserUUID: userUuid,
  }));
}

export function createTaskReplicationRouter(ctx: SandboxContext): Router {
  const router = Router();
  router.use(TASK_REPLICATION_PATH, requireFlowToken(ctx));
  router.get([TASK_REPLICATION_PATH, `${TASK_REPLICATION_PATH}/`], (_req, res) => {
    res.json({ '@odata.context': '$metadata', value: [{ name: MODEL.entitySet, url: MODEL.entitySet }] });
  });
  router.get(`${TASK_REPLICATION_PATH}/$metadata`, (_req, res) => {
    const properties = [MODEL.key, ...Object.keys(MODEL.demoTasks[0]!), 'CreatedOn', 'RecipientUserUUID']
      .map((name) => `<Property Name="${name}" Type="${name === 'CreatedOn' ? 'Edm.DateTimeOffset' : 'Edm.String'}"/>`)
      .join('');
    res.type('application/xml').send(
      `<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>` +
        `<Schema Namespace="com.sap.gateway.srvd_a2x.api_task_spi_replication.v0001" xmlns="http://docs.oasis-open.org/odata/ns/edm">` +
        `<EntityType Name="${MODEL.entityType}"><Key><PropertyRef Name="${MODEL.key}"/></Key>${properties}</EntityType>` +
        `<EntityContainer Name="Container"><EntitySet Name="${MODEL.entitySet}" EntityType="com.sap.gateway.srvd_a2x.api_task_spi_replication.v0001.${MODEL.entityType}"/></EntityContainer>` +
        `</Schema></edmx:DataServices></edmx:Edmx>`,
    );
  });
  router.get(`${TASK_REPLICATION_PATH}/${MODEL.entitySet}`, (_req, res) => {
    res.json({ '@odata.context': `$metadata#${MODEL.entitySet}`, value: tasksFor(String(res.locals.userUuid), ctx.now()) });
  });
  return router;
}

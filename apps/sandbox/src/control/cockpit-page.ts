import type { SandboxContext } from '../context.js';
import { sandboxDescriptor } from '../descriptor.js';
import { TOKEN_PATH } from '../s4/oauth-token.js';

const esc = (value: unknown) => String(value ?? '').replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
const rows = (cells: unknown[][]) => cells.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('') || '<tr><td colspan="9">none yet</td></tr>';

/**
 * A plain page standing in for the BTP cockpit and the three S/4 Fiori apps, so a newcomer can do the manual steps
 * in a browser against the sandbox. It only calls the /sandbox/fiori endpoints; it is not part of the product.
 */
export function cockpitPage(ctx: SandboxContext): string {
  const { btp, s4, users } = ctx.state;
  const systems = [...s4.communicationSystems.values()];
  const userName = (id: string) => s4.communicationUsers.get(id)?.Name ?? id;
  // Step 19 reads these from the arrangement's OAuth 2.0 Details.
  const oauthDetails = (inboundUuid: string) =>
    `Client ID ${s4.inboundUsers.get(inboundUuid)?.OAuth2ClientID ?? '—'} · Token Service URL https://${s4.apiHost}${TOKEN_PATH} · SAML2 Audience https://${s4.uiHost}`;
  const inboundOf = (uuid: string) => [...s4.inboundUsers.values()].filter((u) => u.CommunicationSystemUUID === uuid).map((u) => userName(u.CommunicationUserID));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SAP sandbox</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#1d2d3e;background:#f5f6f7}section{background:#fff;border-radius:.75rem;padding:1rem 1.5rem;margin:1rem 0;box-shadow:0 0 .125rem rgba(34,53,72,.2)}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e5e5;padding:.35rem;text-align:left;font-size:.9rem}label{display:block;margin:.4rem 0 .1rem;font-size:.85rem;color:#556b82}
input,select,textarea{width:100%;padding:.35rem;box-sizing:border-box}button{margin-top:.6rem;background:#0a6ed1;color:#fff;border:0;border-radius:.5rem;padding:.45rem 1rem;cursor:pointer}#msg{white-space:pre-wrap;color:#aa0808}</style></head><body>
<h1>SAP sandbox</h1><p>A simulated BTP subaccount and S/4HANA Cloud tenant for trying Task Center Connect. Nothing here is a real SAP system.</p><p id="msg" role="alert"></p>
<section><h2>Credentials for Task Center Connect</h2><p>What an admin would copy from the BTP cockpit and S/4HANA (these are the sandbox's own, not secrets of a real system). On the “Sandbox” connection, <em>Fill from the sandbox</em> sets them for you.</p>
<label for="c-key">Destination service key</label><textarea id="c-key" rows="8" readonly>${esc(JSON.stringify(sandboxDescriptor(ctx).btp.destinationServiceKey, null, 2))}</textarea>
<table><tr><th>SAP_COM_0A48 user</th><th>Password</th></tr>${rows([[s4.managementUser.name, s4.managementUser.password]])}</table></section>
<section><h2>BTP cockpit — subaccount ${esc(btp.subaccountId)}</h2><p>Landscape ${esc(btp.landscapeDomain)}. <a href="fiori/trust-certificate.pem">Download Trust</a> (step 1).</p>
<h3>Destinations</h3><table><tr><th>Name</th><th>Authentication</th><th>URL</th></tr>${rows([...btp.destinations.values()].map((d) => [d.Name, d.Authentication, d.URL]))}</table>
<form data-post="fiori/destinations"><label for="d-json">Destination properties (JSON, e.g. “Copy all as JSON” from step 20)</label><textarea id="d-json" name="json" rows="5" required></textarea>
<label for="d-pw">Token Service Password</label><input id="d-pw" name="tokenServicePassword" type="password">
<label><input type="checkbox" name="replace" value="true" style="width:auto"> Replace the destination of this name (the cockpit's Edit; an empty password keeps the stored one)</label><button>Save destination</button></form></section>
<section><h2>Maintain Communication Users — ${esc(s4.uiHost)}</h2><table><tr><th>ID</th><th>User name</th><th>Description</th><th>Locked</th></tr>${rows([...s4.communicationUsers.values()].map((u) => [u.ID, u.Name, u.Description, u.IsLocked ? 'yes' : 'no']))}</table>
<form data-post="fiori/communication-users"><label for="u-name">User Name</label><input id="u-name" name="name" required><label for="u-desc">Description</label><input id="u-desc" name="description" required>
<label for="u-pw">Password (at least 20 characters with a special character)</label><input id="u-pw" name="password" type="password" required><button>Create</button></form></section>
<section><h2>Communication Systems</h2><table><tr><th>System ID</th><th>Name</th><th>Host</th><th>SAML issuer</th><th>Mapping</th><th>Inbound users</th></tr>${rows(systems.map((s) => [s.ID, s.Name, s.HostName, s.OAuth2IdentityProviderName, s.OAuth2IdentityProviderUserLogonType, inboundOf(s.UUID).join(', ')]))}</table>
<form data-post="fiori/communication-systems"><label for="s-id">System ID</label><input id="s-id" name="systemId" required><label for="s-name">System Name</label><input id="s-name" name="systemName" required>
<label for="s-host">Host Name</label><input id="s-host" name="hostName" value="${esc(s4.uiHost)}"><label for="s-cert">Signing certificate (the file from Download Trust)</label><input id="s-cert" name="signingCertificatePem" type="file" accept=".pem,.crt,.cer">
<label for="s-issuer">OAuth 2.0 SAML Issuer</label><input id="s-issuer" name="samlIssuer"><label for="s-map">User ID Mapping Mode</label><select id="s-map" name="userIdMappingMode"><option>User UUID</option><option>User Name</option></select>
<label for="s-in">User for inbound communication</label><input id="s-in" name="inboundUserName">
<label><input type="checkbox" name="inboundOnly" value="true" style="width:auto"> Inbound Only</label><button>Create and save</button></form></section>
<section><h2>Communication Arrangements</h2><table><tr><th>Name</th><th>Scenario</th><th>System</th><th>OAuth 2.0 details</th></tr>${rows([...s4.arrangements.values()].map((a) => [a.Name, a.CommunicationScenarioID, a.CommunicationSystemID, oauthDetails(a.InboundUserUUID)]))}</table>
<form data-post="fiori/communication-arrangements"><label for="a-sc">Scenario</label><input id="a-sc" name="scenario" value="SAP_COM_0501"><label for="a-name">Arrangement Name</label><input id="a-name" name="name" required>
<label for="a-sys">Communication System (System ID)</label><input id="a-sys" name="systemId" required><button>Create</button></form></section>
<section><h2>Business users</h2><table><tr><th>User</th><th>User UUID</th><th>In S/4HANA</th></tr>${rows(users.map((u) => [u.userName, u.userUuid, u.inS4 ? 'yes' : 'no']))}</table></section>
<script>
for (const form of document.querySelectorAll('form[data-post]')) form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = {};
  for (const [key, value] of new FormData(form)) body[key] = value instanceof File ? (value.size ? await value.text() : '') : value;
  if (body.inboundOnly !== undefined) body.inboundOnly = true;
  if (body.json !== undefined) { try { Object.assign(body, JSON.parse(body.json)); } catch { document.getElementById('msg').textContent = 'The destination JSON is not valid JSON.'; return; } delete body.json; }
  const answer = await fetch(form.dataset.post, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (answer.ok) location.reload(); else document.getElementById('msg').textContent = (await answer.json()).error?.message ?? answer.statusText;
});
</script></body></html>`;
}

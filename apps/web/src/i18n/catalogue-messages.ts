import { SAP_APP_TITLES, STEP_CATALOGUE, type SapApp } from '@tcc/shared';

export type StepMessageKey = `steps.${number}.title` | `steps.${number}.instructions`;
export type AppMessageKey = `apps.${SapApp}`;

/**
 * Step and app texts live in the shared catalogue (the server uses them too); they are copied into the bundle under
 * stable keys so that a translated bundle can override them without touching packages/shared.
 */
export function catalogueMessages(): Record<StepMessageKey | AppMessageKey, string> {
  const messages: Record<string, string> = {};
  for (const step of STEP_CATALOGUE) {
    messages[`steps.${step.id}.title`] = step.title;
    messages[`steps.${step.id}.instructions`] = step.instructions;
  }
  for (const [app, title] of Object.entries(SAP_APP_TITLES)) messages[`apps.${app}`] = title;
  return messages as Record<StepMessageKey | AppMessageKey, string>;
}

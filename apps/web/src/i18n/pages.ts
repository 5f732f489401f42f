// The texts of every page beyond the first load (sign-in, shell, dashboard: i18n/index.ts). Imported for its effect
// by each of those pages' routes (src/app/routes), so that their texts are in place before they render.
import { adminMessages } from './admin';
import { alertsMessages } from './alerts';
import { automationMessages } from './automation';
import { catalogueMessages } from './catalogue-messages';
import { addMessages } from './index';
import { rotationMessages } from './rotation';
import { valueLabels } from './value-labels';
import { wizardMessages } from './wizard';

addMessages({ ...wizardMessages, ...adminMessages, ...automationMessages, ...alertsMessages, ...rotationMessages, ...valueLabels, ...catalogueMessages() });

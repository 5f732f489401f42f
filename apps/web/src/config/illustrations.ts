import { registerIllustrationLoader } from '@ui5/webcomponents-base/dist/asset-registries/Illustrations.js';

// Illustrations load when an IllustratedMessage first shows one, not with the page. Importing them as UI5's docs show
// put ~140 kB gzipped of SVG (six illustrations, the Lock in two collections) into every page's first script.
// UI5 asks for `<set>/<collection>/<name>`: the theme's collection (V5 for Horizon, V5/HC for its high-contrast
// themes), else V4; the fiori set has V4 only. Add a line when a component uses a new illustration.
type Loader = Parameters<typeof registerIllustrationLoader>[1];
// UI5 ignores what a loader resolves to (its own loaders answer a name): importing the module registers the data.
const lazy = (key: string, load: () => Promise<unknown>) => registerIllustrationLoader(key, load as Loader);

lazy('fiori/V4/AddPeople', () => import('@ui5/webcomponents-fiori/dist/illustrations/AddPeople.js'));
lazy('fiori/V4/NoEntries', () => import('@ui5/webcomponents-fiori/dist/illustrations/NoEntries.js'));
lazy('fiori/V4/PageNotFound', () => import('@ui5/webcomponents-fiori/dist/illustrations/PageNotFound.js'));
lazy('fiori/V4/UnableToLoad', () => import('@ui5/webcomponents-fiori/dist/illustrations/UnableToLoad.js'));
lazy('tnt/V4/Lock', () => import('@ui5/webcomponents-fiori/dist/illustrations/tnt/Lock.js'));
lazy('tnt/V5/Lock', () => import('@ui5/webcomponents-fiori/dist/illustrations-v5/tnt/Lock.js'));
lazy('tnt/V5/HC/Lock', () => import('@ui5/webcomponents-fiori/dist/illustrations-v5/tnt/hc/Lock.js'));

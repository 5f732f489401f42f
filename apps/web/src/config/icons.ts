// Icons are imported one by one (not the whole set) to keep the bundle small. Only their Horizon shapes (v5/): the app
// runs on sap_horizon (index.html), and the unversioned modules would bring the legacy themes' v4 shapes along as well
// (about 12 kB gzipped for these). The sign-in page, the shell and the dashboard import theirs where they use them, so
// that their first load carries no other page's; this list is for the other pages, whose routes import it. Add here
// when one of those uses a new icon.
import '@ui5/webcomponents-icons/dist/v5/accept.js';
import '@ui5/webcomponents-icons/dist/v5/add.js';
import '@ui5/webcomponents-icons/dist/v5/lab.js';
import '@ui5/webcomponents-icons/dist/v5/circle-task.js';
import '@ui5/webcomponents-icons/dist/v5/copy.js';
import '@ui5/webcomponents-icons/dist/v5/delete.js';
import '@ui5/webcomponents-icons/dist/v5/download.js';
import '@ui5/webcomponents-icons/dist/v5/edit.js';
import '@ui5/webcomponents-icons/dist/v5/error.js';
import '@ui5/webcomponents-icons/dist/v5/in-progress.js';
import '@ui5/webcomponents-icons/dist/v5/inspection.js';
import '@ui5/webcomponents-icons/dist/v5/navigation-left-arrow.js';
import '@ui5/webcomponents-icons/dist/v5/navigation-right-arrow.js';
import '@ui5/webcomponents-icons/dist/v5/process.js';
import '@ui5/webcomponents-icons/dist/v5/refresh.js';
import '@ui5/webcomponents-icons/dist/v5/reset.js';
import '@ui5/webcomponents-icons/dist/v5/search.js';
import '@ui5/webcomponents-icons/dist/v5/sort-ascending.js';
import '@ui5/webcomponents-icons/dist/v5/sort-descending.js';
import '@ui5/webcomponents-icons/dist/v5/sys-enter-2.js';
import '@ui5/webcomponents-icons/dist/v5/log.js';
import '@ui5/webcomponents-icons/dist/v5/group.js';
import '@ui5/webcomponents-icons/dist/v5/employee.js';
import '@ui5/webcomponents-icons/dist/v5/add-employee.js';
import '@ui5/webcomponents-icons/dist/v5/clear-filter.js';
import '@ui5/webcomponents-icons/dist/v5/history.js';
import '@ui5/webcomponents-icons/dist/v5/wrench.js';
import '@ui5/webcomponents-icons/dist/v5/connected.js';
import '@ui5/webcomponents-icons/dist/v5/media-play.js';
import '@ui5/webcomponents-icons/dist/v5/pending.js';
import '@ui5/webcomponents-icons/dist/v5/status-inactive.js';
import '@ui5/webcomponents-icons/dist/v5/key.js';
import '@ui5/webcomponents-icons/dist/v5/save.js';
import '@ui5/webcomponents-icons/dist/v5/bell.js';
import '@ui5/webcomponents-icons/dist/v5/paper-plane.js';
import '@ui5/webcomponents-icons/dist/v5/email.js';
import '@ui5/webcomponents-icons/dist/v5/chain-link.js';

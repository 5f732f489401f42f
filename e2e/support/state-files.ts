/** The admin's signed-in browser state, written by the sign-in setup project and used by the stories. */
export const ADMIN_STATE = 'e2e/.tmp/admin-state.json';

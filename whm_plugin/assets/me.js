/* Who is signed in (GET /whoami, asked by mailward.js): the admin, or a reseller whom the API scopes to its
   accounts. The page only hides what the API would refuse; the API decides. */

/* GET /whoami: the admin (root, or a reseller with WHM's all ACL) or a reseller, whom the API scopes to its
   accounts. The page only hides what the API would refuse; the API decides. */
export var ME = {role: 'admin', accounts: null, may_change: []};

export function isAdmin() { return ME.role === 'admin'; }

/* Whether the signed-in user may change this per-account setting ([resellers] may_change for a reseller). */
export function mayChange(setting) { return isAdmin() || (ME.may_change || []).indexOf(setting) >= 0; }

/* The signed-in user as GET /whoami told it (mailward.js asks). */
export function setMe(me) { ME = me; }

"""/accounts/{name}/release-policy: who may release each hold reason for one account (issue 19 item 3)."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from api.accounts.schemas import ACCOUNT_PATH_PARAMETER
from api.release_policy.schemas import AccountReleasePolicyEditArgs, AccountReleasePolicySchema
from api.services import identity, record, services
from core.errors import Forbidden
from core.identity.caller import Identity

blp = Blueprint("release-policy", __name__, description="Per-account release policy (who may release each reason)")


def _may_change(who: Identity) -> bool:
    return who.is_admin or (who.is_reseller and "release_by" in services().settings.resellers.may_change)


def _view(name: str, who: Identity) -> dict[str, Any]:
    actions = services().actions
    own = actions.account_policies.of(name) if actions.account_policies is not None else {}
    return {"account_name": name, "release_by": actions.release_policy(name), "own": own,
            "server": actions.release_policy(), "may_change": _may_change(who)}


@blp.route("/accounts/<name>/release-policy", parameters=[ACCOUNT_PATH_PARAMETER])
class AccountReleasePolicy(MethodView):
    @blp.response(200, AccountReleasePolicySchema)
    def get(self, name: str) -> dict[str, Any]:
        """The release policy in force for one account, its own entries and the server's policy."""
        who = identity()
        who.require_account(name, "see")
        return _view(name, who)

    @blp.arguments(AccountReleasePolicyEditArgs)
    @blp.response(200, AccountReleasePolicySchema)
    def patch(self, args: dict[str, Any], name: str) -> dict[str, Any]:
        """Set one account's own entries (admin; its reseller when [resellers] may_change has release_by)."""
        who = identity()
        who.require_account(name, "change the release policy of")
        if not _may_change(who):
            raise Forbidden("an account's release policy is for the server administrator"
                            + (" only (root does not let resellers: [resellers] may_change has no release_by)"
                               if who.is_reseller else " or its reseller"))
        before = _view(name, who)
        services().actions.set_account_release_policy(who, name, args["release_by"])
        after = _view(name, who)
        record("account.release_policy", account=name, target=name,
               details={k: {"from": before["release_by"][k], "to": after["release_by"][k]} for k in args["release_by"]})
        return after

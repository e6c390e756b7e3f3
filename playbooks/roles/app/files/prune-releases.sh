#!/bin/sh
# prune-releases.sh ROOT KEEP: keep the newest KEEP releases (and always the live one);
# then remove virtual environments, wheelhouses and archives no kept release uses.
# Prints one line per removed item, nothing when there was nothing to do.
set -eu
root="$1"
keep="$2"
live="$(basename "$(readlink -f "$root/current" 2>/dev/null || echo none)")"
cd "$root/releases"
ls -1 | sort -r | tail -n +"$((keep + 1))" | while read -r release; do
  [ "$release" = "$live" ] && continue
  rm -rf "./$release"
  echo "release $release"
done
used_venvs="$(for r in "$root"/releases/*; do [ -L "$r/venv" ] && readlink "$r/venv"; done | sort -u)"
used_sources="$(cat "$root"/releases/*/.govlearn-source 2>/dev/null | cut -c1-16 | sort -u)"
for venv in "$root"/venvs/*; do
  [ -d "$venv" ] || continue
  echo "$used_venvs" | grep -qx "$venv" && continue
  key="$(basename "$venv")"
  rm -rf "$venv" "$root/wheelhouse/$key" "$root/artifacts/wheelhouse-$key.tar.gz"
  echo "environment $key"
done
for archive in "$root"/artifacts/source-*.tar.gz; do
  [ -f "$archive" ] || continue
  key="$(basename "$archive" .tar.gz)"
  key="${key#source-}"
  echo "$used_sources" | grep -qx "$key" && continue
  rm -f "$archive"
  echo "archive source-$key"
done

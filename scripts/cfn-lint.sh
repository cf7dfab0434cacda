#!/usr/bin/env bash
# Lints every CloudFormation template with cfn-lint (it runs the SAM transform, so SAM mistakes show too).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "cfn-lint is not installed. Install it with: pip install cfn-lint   (or: pipx install cfn-lint)" >&2
  exit 1
fi
templates=(template.yaml)
[ -f pipeline.yaml ] && templates+=(pipeline.yaml)
cfn-lint "${templates[@]}"
echo "cfn-lint: ${templates[*]} clean"

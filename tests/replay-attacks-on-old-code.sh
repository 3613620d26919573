#!/usr/bin/env bash
# Runs today's anonymity and disclosure attack tests against the code before issue 10 (bad6ec1), to show that each
# one fails there. Not part of ./test.sh: it checks out old product code on purpose.
#
#   tests/replay-attacks-on-old-code.sh [worktree folder, default /tmp/championnetwork-old]
#
# The tests are copied from this checkout. Three adaptations let them compile and run against the old code; none of
# them changes what an attack asserts:
#   - SurveysHost counts unpublished outbox rows (the old relay kept published rows) and an empty intake (there was none);
#   - `using ChampionNetwork.Disclosure;` is dropped (DisclosurePolicy lived in InsightHub then);
#   - the linked-table attacker treats an item's answer count as never shown (the old figures did not publish one).
# Old IdempotencyTests is removed from the old tree because it does not compile against today's SurveysHost.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
OLD_COMMIT=bad6ec1
TREE="${1:-/tmp/championnetwork-old}"
RESULTS="$TREE/attack-results"

[ -d "$TREE" ] || git worktree add --detach "$TREE" "$OLD_COMMIT"

copy() { mkdir -p "$TREE/$(dirname "$1")" && cp "$1" "$TREE/$1"; }
for f in tests/Surveys.Tests/Attacks/*.cs tests/Surveys.Tests/FreeTextControlCharacterTests.cs tests/Surveys.Tests/SurveysHost.cs \
         tests/Surveys.Tests/Redaction/{CapturedLogs.cs,RedactionCorpus.cs,RedactionCorpusTests.cs,RedactionCategoryTests.cs,plain-comments.json,sensitive-comments.json} \
         tests/Surveys.Tests/Surveys.Tests.csproj \
         tests/EndToEnd.Tests/Attacks/AmqpMessageAttackTests.cs tests/EndToEnd.Tests/EndToEnd.Tests.csproj \
         tests/Messaging.Tests/Privacy/*.cs tests/Messaging.Tests/{ErrorQueue.cs,FailingConsumerHost.cs,Messaging.Tests.csproj} \
         tests/InsightHub.Tests/Disclosure/{Attacker.cs,ConcreteAttackTests.cs,LinkedTableProbeTests.cs,RandomCampaign.cs,WholeRegistryTests.cs} \
         tests/InsightHub.Tests/Feeds/PollingAnalystAttackTests.cs; do
  copy "$f"
done
rm -f "$TREE/tests/Surveys.Tests/IdempotencyTests.cs"
sed -i "s/(SELECT count(\*) FROM response_intake), (SELECT count(\*) FROM outbox_messages WHERE event_type LIKE '%InsightSubmitted')/0::bigint, (SELECT count(*) FROM outbox_messages WHERE event_type LIKE '%InsightSubmitted' AND NOT published)/" \
  "$TREE/tests/Surveys.Tests/SurveysHost.cs"
sed -i '/^using ChampionNetwork.Disclosure;/d' "$TREE"/tests/InsightHub.Tests/Disclosure/*.cs "$TREE"/tests/InsightHub.Tests/Feeds/PollingAnalystAttackTests.cs
sed -i 's/bool TotalShown(AreaCode area) => !Of(area).Answers.IsSuppressed || /bool TotalShown(AreaCode area) => /' "$TREE/tests/InsightHub.Tests/Disclosure/Attacker.cs"

mkdir -p "$RESULTS"
run() {
  local project="$1" filter="$2" name="$3"
  echo "== $name on $OLD_COMMIT"
  (cd "$TREE" && TEST_TARGET="$project" CI="${CI:-true}" ./test.sh --filter "$filter" --logger "trx;LogFileName=$RESULTS/$name.trx") \
    | grep -E "^(Passed|Failed)!" || true
}
run tests/Surveys.Tests/Surveys.Tests.csproj "FullyQualifiedName~Surveys.Tests.Attacks|FullyQualifiedName~FreeTextControlCharacter|FullyQualifiedName~RedactionCorpus|FullyQualifiedName~RedactionCategory" surveys
run tests/EndToEnd.Tests/EndToEnd.Tests.csproj "FullyQualifiedName~AmqpMessageAttack" endtoend
run tests/Messaging.Tests/Messaging.Tests.csproj "FullyQualifiedName~Messaging.Tests.Privacy" messaging
run tests/InsightHub.Tests/InsightHub.Tests.csproj "FullyQualifiedName~ConcreteAttack|FullyQualifiedName~LinkedTableProbe|FullyQualifiedName~WholeRegistry|FullyQualifiedName~PollingAnalystAttack" insighthub
echo "Per-test outcomes and messages: $RESULTS/*.trx"

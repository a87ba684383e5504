#!/usr/bin/env bash
# The long fuzz run of issue 17: each @FuzzTest target in turn under Jazzer's fuzzing mode, one at a time and niced
# (they are CPU-bound). `mvn verify` only replays the seed corpus; this generates new inputs.
#
#   tools/fuzz/run-all.sh                      # every target, 1,000,000 inputs each
#   RUNS=200000 tools/fuzz/run-all.sh common:io.roster.common.rpc.WireDecodeFuzzTest#anyWireType
#   MAX_TIME=600 tools/fuzz/run-all.sh          # at most 10 minutes per target
#
# Per target: libFuzzer's -runs (RUNS), a 10 s per-input timeout (a hang is a finding) and the test JVM's -Xmx768m
# (an allocation past it is an OutOfMemoryError: a finding). A finding stops that target; Jazzer writes the input to
# the target's src/test/resources/.../<Test>Inputs/<method>/ directory (so `mvn verify` replays it from then on) and
# prints its stack. New inputs of the run go to <module>/.cifuzz-corpus/ (not committed). Logs: target/fuzz/<target>.log;
# the last 'DONE'/'#N' line of each log gives the inputs run and exec/s.
set -uo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-1000000}
MAX_TIME=${MAX_TIME:-0}   # seconds per target (libFuzzer -max_total_time); 0: until RUNS inputs
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  TARGETS=(
    common:io.roster.common.rpc.WireDecodeFuzzTest#anyWireType
    common:io.roster.common.rpc.ClientRequestFuzzTest#clientRequest
    common:io.roster.common.wire.PushInflateFuzzTest#pushDeflate
    common:io.roster.common.wire.PushInflateFuzzTest#pushEntriesDeflate
    common:io.roster.common.config.ConfigFuzzTest#propertiesFile
    client:io.roster.client.push.PushHandlerFuzzTest#deflatedPush
    meta-raft:io.roster.meta.state.MetaCodecFuzzTest#logEntry
    meta-raft:io.roster.meta.state.MetaCodecFuzzTest#snapshot
    data-store:io.roster.datastore.store.rocks.CopyLoaderFuzzTest#storedRecords
    tools:io.roster.tools.server.AdminHttpFuzzTest#queryParameters
    tools:io.roster.tools.server.AdminHttpFuzzTest#requestOverHttp
  )
fi
FLAGS="-Xmx768m --add-opens java.base/java.lang=ALL-UNNAMED -Dsofa.middleware.log.disable=true -Dcom.google.protobuf.use_unsafe_pre22_gencode=true -Dbolt.tp.min=4 -Dbolt.tp.max=64"
mkdir -p target/fuzz
status=0
for t in "${TARGETS[@]}"; do
  module=${t%%:*}; test=${t#*:}
  log=target/fuzz/${test##*.}.log
  echo "== $test ($module): $RUNS inputs, log $log"
  JAZZER_FUZZ=1 nice -n 19 mvn -B -o -pl "$module" -am test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
      -Dtest.jvm.flags="$FLAGS -Djazzer.instrumentation_includes=io.roster.**:io.protostuff.**:com.alipay.remoting.**:com.fasterxml.jackson.** -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-runs=$RUNS -Djazzer.internal.arg.2=-timeout=10 -Djazzer.internal.arg.3=-print_final_stats=1 -Djazzer.internal.arg.4=-max_total_time=$MAX_TIME" \
      > "$log" 2>&1 || { echo "   FINDING or failure: see $log"; status=1; }
  grep -E '^(#[0-9]+|Done [0-9]+ runs|stat::number_of_executed_units|stat::average_exec_per_sec)' "$log" | tail -3 | sed 's/^/   /'
done
exit $status

#!/usr/bin/env bash
# Apache Spark with Delta Lake, for the tests and the demo (the spark target of profiles.example.yml).
#   bash scripts/spark.sh jars             Java if missing (Debian's openjdk-17-jre-headless), and
#                                          Delta Lake's jars from Maven Central (mvn dependency:copy)
#   bash scripts/spark.sh cluster start    a standalone cluster on 127.0.0.1: a master and two
#                                          workers from the pyspark package (prints its master URL)
#   bash scripts/spark.sh cluster stop
#   bash scripts/spark.sh reset            delete the local warehouse and metastore (PQL_SPARK_DIR)
# The Delta version must be the one built for pyspark's Spark (4.0.x -> Delta 4.0.0, Scala 2.13).
set -euo pipefail
cd "$(dirname "$0")/.."
DELTA_VERSION="${PQL_DELTA_VERSION:-4.0.0}"
JARS="${PQL_SPARK_JARS_DIR:-data/spark/jars}"
DIR="${PQL_SPARK_DIR:-data/spark}"
CLUSTER="${PQL_SPARK_CLUSTER_DIR:-/tmp/pql-spark-cluster}"
MASTER_PORT="${PQL_SPARK_MASTER_PORT:-7077}"

sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

java_() {
    if ! command -v java > /dev/null; then
        echo "spark: installing Debian's openjdk-17-jre-headless"
        sudo_ apt-get update -qq
        DEBIAN_FRONTEND=noninteractive sudo_ apt-get install -y -qq openjdk-17-jre-headless > /dev/null
    fi
}

jars() {
    java_
    mkdir -p "$JARS"
    for artifact in "io.delta:delta-spark_2.13:$DELTA_VERSION" "io.delta:delta-storage:$DELTA_VERSION"; do
        name="$(echo "$artifact" | cut -d: -f2)-$DELTA_VERSION.jar"
        [ -s "$JARS/$name" ] && continue
        if ! command -v mvn > /dev/null; then
            echo "spark: installing Debian's maven"
            sudo_ apt-get update -qq
            DEBIAN_FRONTEND=noninteractive sudo_ apt-get install -y -qq maven > /dev/null
        fi
        mvn -q dependency:copy -Dartifact="$artifact" -DoutputDirectory="$JARS"
    done
    echo "spark: Delta Lake $DELTA_VERSION jars in $JARS"
}

spark_home() { .venv/bin/python -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))'; }

cluster() {
    java_
    local home JAVA
    JAVA="$(command -v java)"
    home="$(spark_home)"
    export SPARK_HOME="$home" SPARK_LOG_DIR="$CLUSTER/logs" SPARK_PID_DIR="$CLUSTER/pids"
    export SPARK_WORKER_DIR="$CLUSTER/work" SPARK_LOCAL_IP=127.0.0.1 SPARK_MASTER_HOST=127.0.0.1
    export PYSPARK_PYTHON="$PWD/.venv/bin/python"
    # the pip package has no RELEASE file: without this, a worker looks for a source build to
    # launch its executors from ("Cannot find any build directories")
    export SPARK_SCALA_VERSION=2.13
    local master="spark://127.0.0.1:$MASTER_PORT"
    case "${1:-}" in
        start)
            mkdir -p "$CLUSTER"
            if [ ! -f "$CLUSTER/pids/master.pid" ]; then
                mkdir -p "$CLUSTER/pids" "$CLUSTER/logs"
                "$JAVA" -cp "$home/jars/*" -Xmx512m org.apache.spark.deploy.master.Master \
                    --host 127.0.0.1 --port "$MASTER_PORT" --webui-port 0 \
                    > "$CLUSTER/logs/master.log" 2>&1 &
                echo $! > "$CLUSTER/pids/master.pid"
                for i in 1 2; do
                    "$JAVA" -cp "$home/jars/*" -Xmx512m org.apache.spark.deploy.worker.Worker \
                        --host 127.0.0.1 --cores 1 --memory 2g --webui-port 0 \
                        --work-dir "$CLUSTER/work$i" "$master" > "$CLUSTER/logs/worker$i.log" 2>&1 &
                    echo $! > "$CLUSTER/pids/worker$i.pid"
                done
            fi
            for _ in $(seq 1 60); do
                if [ "$(grep -l "Successfully registered with master" "$CLUSTER"/logs/worker*.log 2> /dev/null | wc -l)" = 2 ]; then
                    echo "spark: cluster with two workers at $master"
                    return 0
                fi
                sleep 1
            done
            echo "spark: the workers did not register with $master; logs in $CLUSTER/logs" >&2
            tail -n 20 "$CLUSTER"/logs/*.log >&2
            exit 1
            ;;
        stop)
            pids=()
            for pid in "$CLUSTER"/pids/*.pid; do
                [ -f "$pid" ] && pids+=("$(cat "$pid")")
            done
            [ "${#pids[@]}" = 0 ] || kill "${pids[@]}" 2> /dev/null || true
            for _ in $(seq 1 30); do  # until they have exited (and freed the master's port)
                kill -0 "${pids[@]}" 2> /dev/null || break
                sleep 1
            done
            rm -rf "$CLUSTER"
            echo "spark: cluster stopped"
            ;;
        *) echo "usage: bash scripts/spark.sh cluster start|stop" >&2; exit 2 ;;
    esac
}

case "${1:-}" in
    jars) jars ;;
    cluster) shift; cluster "$@" ;;
    reset) rm -rf "$DIR/warehouse" "$DIR/metastore_db" "$DIR/derby.log"; echo "spark: $DIR reset" ;;
    *) echo "usage: bash scripts/spark.sh jars | cluster start|stop | reset" >&2; exit 2 ;;
esac

"""The map step of docs/scale.md under Apache Spark in local mode.

    python3 tests/it/spark_pipe.py ACTORGRAPH RULES CORPUS.jsonl PARTITIONS OUT_DIR

Reads CORPUS.jsonl (one JSON document a line) as an RDD of at least
PARTITIONS partitions, pipes each partition through
`ACTORGRAPH extract --jsonl --rules RULES -` and saves the extract lines to
OUT_DIR (part-00000, part-00001, ...). The reduce is then
`actorgraph merge OUT_DIR/part-* -o output`. tests/it/scale.rs runs this and
checks the merged graph against a single `actorgraph build`.

Prints one line, `partitions=N documents=D`, on stdout.
"""

import os
import shlex
import sys

from pyspark import SparkConf, SparkContext


def main() -> None:
    actorgraph, rules, corpus, partitions, out = sys.argv[1:6]
    partitions = int(partitions)
    # Local mode on loopback: no cluster, no web UI, workers on this Python.
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    conf = (
        SparkConf()
        .setMaster("local[2]")
        .setAppName("actorgraph-spark-pipe")
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
    )
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        # The recipe of docs/scale.md:
        rdd = sc.textFile(corpus, minPartitions=partitions)  # one JSON document a line
        command = " ".join(shlex.quote(a) for a in [actorgraph, "extract", "--jsonl", "--rules", rules, "-"])
        lines = rdd.pipe(command, checkCode=True)  # a failing extract fails the job
        lines.saveAsTextFile(out)  # then: actorgraph merge OUT/part-* -o output
        n = rdd.getNumPartitions()
        if n < partitions:
            sys.exit(f"spark_pipe.py: got {n} partitions, wanted at least {partitions}")
        print(f"partitions={n} documents={rdd.count()}")
    finally:
        sc.stop()


if __name__ == "__main__":
    main()

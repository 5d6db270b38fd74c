#!/bin/sh
# One KRaft node (controller and broker) from the image's stock server.properties: later keys win, so the
# dev settings are appended. Its storage is formatted once, on the first start.
set -eu
config=/tmp/server.properties
cp /opt/kafka/config/server.properties "$config"
cat >> "$config" <<PROPERTIES
log.dirs=/var/lib/kafka/data
listeners=PLAINTEXT://:9092,CONTROLLER://:9093
advertised.listeners=PLAINTEXT://airstay-kafka-bootstrap:9092,CONTROLLER://localhost:9093
num.partitions=12
PROPERTIES
/opt/kafka/bin/kafka-storage.sh format --standalone --ignore-formatted -t "$CLUSTER_ID" -c "$config"
exec /opt/kafka/bin/kafka-server-start.sh "$config"

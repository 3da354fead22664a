#!/bin/sh
# Runs a Kafka class with the broker's classpath, like the distribution's script.
exec java ${KAFKA_TOOLS_HEAP_OPTS:--Xmx256m} -Dlog4j2.configurationFile=/opt/kafka/config/log4j2-tools.properties \
  -cp '/opt/kafka/libs/*' "$@"

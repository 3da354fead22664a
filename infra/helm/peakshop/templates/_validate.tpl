{{/*
Checks that need more than one value (values.schema.json checks each value's
shape). Like the services' own configuration, it names every problem at once.
*/}}
{{- define "peakshop.validate" -}}
{{- $problems := list }}
{{- $v := .Values }}
{{- if not $v.kafka.brokers }}
{{- $problems = append $problems "kafka.brokers: give your Kafka's bootstrap brokers (host:port)" }}
{{- end }}
{{- if and $v.kafka.sasl.mechanism (not $v.kafka.sasl.existingSecret) }}
{{- $problems = append $problems (printf "kafka.sasl.existingSecret: required with kafka.sasl.mechanism=%s (the Secret holding the SASL username and password)" $v.kafka.sasl.mechanism) }}
{{- end }}
{{- if and $v.kafka.tls.caSecret.name (not $v.kafka.tls.enabled) }}
{{- $problems = append $problems "kafka.tls.caSecret.name: set kafka.tls.enabled too (the CA only verifies TLS connections)" }}
{{- end }}
{{- if and (not $v.bankSimulator.enabled) (not $v.payment.bankUrl) }}
{{- $problems = append $problems "payment.bankUrl: required unless bankSimulator.enabled (staging and demos only)" }}
{{- end }}
{{- if eq $v.gateway.auth.mode "jwks" }}
{{- range $key := list "jwksUrl" "issuer" "audience" }}
{{- if not (index $v.gateway.auth $key) }}
{{- $problems = append $problems (printf "gateway.auth.%s: required with gateway.auth.mode=jwks" $key) }}
{{- end }}
{{- end }}
{{- else if not $v.gateway.auth.devSecret.existingSecret }}
{{- $problems = append $problems "gateway.auth.devSecret.existingSecret: required with gateway.auth.mode=dev" }}
{{- end }}
{{- if and $v.notification.webhooks.urls (not $v.notification.webhooks.existingSecret) }}
{{- $problems = append $problems "notification.webhooks.existingSecret: required when notification.webhooks.urls is set (the signing key)" }}
{{- end }}
{{- if and $v.ingress.enabled $v.httpRoute.enabled }}
{{- $problems = append $problems "ingress.enabled and httpRoute.enabled: choose one way to expose the gateway" }}
{{- end }}
{{- if and $v.httpRoute.enabled (not $v.httpRoute.parentRefs) }}
{{- $problems = append $problems "httpRoute.parentRefs: name the Gateway(s) the route attaches to" }}
{{- end }}
{{- $topicModes := list }}
{{- range $mode, $on := dict "kafka.topics.job.enabled" $v.kafka.topics.job.enabled "kafka.topics.strimzi.enabled" $v.kafka.topics.strimzi.enabled "kafka.topics.createOnStart" $v.kafka.topics.createOnStart }}
{{- if $on }}
{{- $topicModes = append $topicModes $mode }}
{{- end }}
{{- end }}
{{- if gt (len $topicModes) 1 }}
{{- $problems = append $problems (printf "%s: choose one way to create the Kafka topics (job, strimzi or createOnStart), or none when they are managed elsewhere" (join " and " $topicModes)) }}
{{- end }}
{{- if and $v.kafka.topics.strimzi.enabled (not $v.kafka.topics.strimzi.clusterName) }}
{{- $problems = append $problems "kafka.topics.strimzi.clusterName: required with kafka.topics.strimzi.enabled" }}
{{- end }}
{{- range (include "peakshop.enabledApps" . | fromYaml).apps }}
{{- $app := index $v .key }}
{{- $autoscaling := $app.autoscaling }}
{{- $keda := and (hasKey $autoscaling "keda") $autoscaling.keda.enabled }}
{{- if and $autoscaling.hpa.enabled $keda }}
{{- $problems = append $problems (printf "%s.autoscaling: enable hpa or keda, not both" .key) }}
{{- end }}
{{- if and $autoscaling.hpa.enabled (lt (int $autoscaling.hpa.maxReplicas) (int $app.replicas)) }}
{{- $problems = append $problems (printf "%s.autoscaling.hpa.maxReplicas: must be at least %s.replicas" .key .key) }}
{{- end }}
{{- if and $keda (lt (int $autoscaling.keda.maxReplicaCount) (int $app.replicas)) }}
{{- $problems = append $problems (printf "%s.autoscaling.keda.maxReplicaCount: must be at least %s.replicas" .key .key) }}
{{- end }}
{{- if lt (int (include "peakshop.app.shutdownTimeoutMs" (dict "root" $ "values" $app))) 1000 }}
{{- $problems = append $problems (printf "%s.terminationGracePeriodSeconds: must exceed shutdown.preStopSleepSeconds + shutdown.marginSeconds by at least 1" .key) }}
{{- end }}
{{- end }}
{{- if $problems }}
{{- fail (printf "\n\npeakshop: %d value(s) to fix:\n  - %s\n" (len $problems) (join "\n  - " $problems)) }}
{{- end }}
{{- end }}

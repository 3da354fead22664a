{{/*
An app's environment. Non-secret settings go to its ConfigMap (and inline into
its hook Jobs, which run before the ConfigMap exists); secrets are only
ever referenced from existing Secrets, never rendered.
*/}}

{{/* What SHUTDOWN_TIMEOUT_MS must stay below: the grace period less the preStop sleep and a margin. */}}
{{- define "peakshop.app.shutdownTimeoutMs" -}}
{{- $shutdown := .root.Values.shutdown }}
{{- mul (sub (sub .values.terminationGracePeriodSeconds $shutdown.preStopSleepSeconds) $shutdown.marginSeconds) 1000 }}
{{- end }}

{{/* KAFKA_ENSURE_TOPICS: the services create their topics at start only with kafka.topics.createOnStart. */}}
{{- define "peakshop.kafka.createTopicsOnStart" -}}
{{- ternary "true" "false" .Values.kafka.topics.createOnStart }}
{{- end }}

{{/* Whether an app's pods mount kafka.tls.caSecret: apps that use Kafka, over TLS, with a CA Secret. Takes root and app. */}}
{{- define "peakshop.app.kafkaCa" -}}
{{- $tls := .root.Values.kafka.tls }}
{{- if and .app.kafka $tls.enabled $tls.caSecret.name }}true{{ end }}
{{- end }}

{{/* Where the Kafka CA is mounted, and its file there (NODE_EXTRA_CA_CERTS is the two joined). */}}
{{- define "peakshop.kafka.caDir" -}}
/etc/peakshop/kafka-ca
{{- end }}

{{- define "peakshop.kafka.caFile" -}}
ca.crt
{{- end }}

{{/* YAML numbers arrive as float64: print whole ones without an exponent (1e+06). */}}
{{- define "peakshop.envValue" -}}
{{- if and (kindIs "float64" .) (eq (floor .) .) }}
{{- printf "%d" (int64 .) }}
{{- else }}
{{- toString . }}
{{- end }}
{{- end }}

{{/* The app's non-secret settings, as a YAML map of strings. */}}
{{- define "peakshop.app.config" -}}
{{- $root := .root }}
{{- $app := .app }}
{{- $values := .values }}
{{- $env := dict
  "SERVICE_NAME" $app.name
  "HTTP_PORT" (toString $app.port)
  "LOG_LEVEL" $root.Values.logLevel
  "SHUTDOWN_TIMEOUT_MS" (include "peakshop.app.shutdownTimeoutMs" .) }}
{{- if $app.kafka }}
{{- $_ := set $env "KAFKA_BROKERS" (join "," $root.Values.kafka.brokers) }}
{{- $_ := set $env "KAFKA_ENSURE_TOPICS" (include "peakshop.kafka.createTopicsOnStart" $root) }}
{{- if $app.consumes }}
{{- $_ := set $env "KAFKA_GROUP_ID" $app.name }}
{{- end }}
{{- $_ := set $env "KAFKA_SSL" (ternary "true" "false" $root.Values.kafka.tls.enabled) }}
{{- with $root.Values.kafka.sasl.mechanism }}
{{- $_ := set $env "KAFKA_SASL_MECHANISM" . }}
{{- end }}
{{- if include "peakshop.app.kafkaCa" . }}
{{- $_ := set $env "NODE_EXTRA_CA_CERTS" (printf "%s/%s" (include "peakshop.kafka.caDir" .) (include "peakshop.kafka.caFile" .)) }}
{{- end }}
{{- end }}
{{- with $root.Values.tracing }}
{{- if .enabled }}
{{- $_ := set $env "OTEL_TRACES_EXPORTER" "otlp" }}
{{- $_ := set $env "OTEL_EXPORTER_OTLP_ENDPOINT" .otlpEndpoint }}
{{- $_ := set $env "OTEL_EXPORTER_OTLP_PROTOCOL" .protocol }}
{{- $_ := set $env "OTEL_TRACES_SAMPLER" "parentbased_traceidratio" }}
{{- $_ := set $env "OTEL_TRACES_SAMPLER_ARG" (include "peakshop.envValue" .samplingRatio) }}
{{- $attributes := list }}
{{- range $key, $value := .resourceAttributes }}
{{- $attributes = append $attributes (printf "%s=%s" $key (toString $value)) }}
{{- end }}
{{- with $attributes }}
{{- $_ := set $env "OTEL_RESOURCE_ATTRIBUTES" (join "," .) }}
{{- end }}
{{- end }}
{{- end }}
{{- range $name, $callee := include "peakshop.app.callees" . | fromYaml }}
{{- $_ := set $env $name (include "peakshop.app.url" (dict "root" $root "app" $callee)) }}
{{- end }}
{{- if and (eq $app.key "payment") (not $root.Values.bankSimulator.enabled) }}
{{- $_ := set $env "BANK_URL" $values.bankUrl }}
{{- end }}
{{- if eq $app.key "gateway" }}
{{- $_ := set $env "AUTH_MODE" $values.auth.mode }}
{{- if and $root.Values.web.enabled $root.Values.web.publicUrl }}
{{- $_ := set $env "GATEWAY_CORS_ORIGINS" (trimSuffix "/" $root.Values.web.publicUrl) }}
{{- end }}
{{- if eq $values.auth.mode "jwks" }}
{{- $_ := set $env "AUTH_JWKS_URL" $values.auth.jwksUrl }}
{{- $_ := set $env "AUTH_ISSUER" $values.auth.issuer }}
{{- $_ := set $env "AUTH_AUDIENCE" $values.auth.audience }}
{{- end }}
{{- end }}
{{- if and (eq $app.key "notification") $values.webhooks.urls }}
{{- $_ := set $env "WEBHOOK_URLS" (join "," $values.webhooks.urls) }}
{{- end }}
{{- range $name, $value := $values.config }}
{{- $_ := set $env $name (include "peakshop.envValue" $value) }}
{{- end }}
{{- toYaml $env }}
{{- end }}

{{- define "peakshop.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
{{- end }}

{{/* The app's secret settings, as EnvVar objects referencing existing Secrets. */}}
{{- define "peakshop.app.secretEnv" -}}
{{- $values := .values }}
{{- $database := default (include "peakshop.app.fullname" (dict "root" .root "app" .app "suffix" "-database")) $values.database.existingSecret }}
{{- include "peakshop.secretEnv" (dict "name" "DATABASE_URL" "secret" $database "key" $values.database.key) }}
{{- $sasl := .root.Values.kafka.sasl }}
{{- if and .app.kafka $sasl.mechanism }}
{{ include "peakshop.secretEnv" (dict "name" "KAFKA_SASL_USERNAME" "secret" $sasl.existingSecret "key" $sasl.usernameKey) }}
{{ include "peakshop.secretEnv" (dict "name" "KAFKA_SASL_PASSWORD" "secret" $sasl.existingSecret "key" $sasl.passwordKey) }}
{{- end }}
{{- if and (eq .app.key "gateway") (eq $values.auth.mode "dev") }}
{{ include "peakshop.secretEnv" (dict "name" "AUTH_DEV_SECRET" "secret" $values.auth.devSecret.existingSecret "key" $values.auth.devSecret.key) }}
{{- end }}
{{- if eq .app.key "notification" }}
{{- with $values.smtp.existingSecret }}
{{ include "peakshop.secretEnv" (dict "name" "SMTP_URL" "secret" . "key" $values.smtp.key) }}
{{- end }}
{{- with $values.webhooks.existingSecret }}
{{ include "peakshop.secretEnv" (dict "name" "WEBHOOK_SECRET" "secret" . "key" $values.webhooks.key) }}
{{- end }}
{{- end }}
{{- end }}

{{/* Every variable inline (hook Jobs): settings as values, then secrets and extras. */}}
{{- define "peakshop.app.inlineEnv" -}}
{{- range $name, $value := include "peakshop.app.config" . | fromYaml }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{ include "peakshop.app.secretEnv" . }}
{{- with .values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
What the chart knows about each app, read from the apps' sources (apps/<app>/src): its HTTP_PORT
default, whether it uses Kafka, the topics it consumes (its consumer group is
its name, the KAFKA_GROUP_ID default; from catalog/topics.json, which
scripts/chart-topics.mjs writes from each app's ServiceTopics), and the apps it
calls over HTTP, by the environment variable that holds each one's URL. Keys
are the values' keys.
*/}}
{{- define "peakshop.catalog" -}}
{{- $declared := (.Files.Get "catalog/topics.json" | fromJson).apps }}
gateway:
  name: gateway
  port: 3000
  kafka: false
  consumes: []
  calls:
    CART_URL: cart
    INVENTORY_URL: inventory
    NOTIFICATION_URL: notification
    ORDER_URL: order
    PAYMENT_URL: payment
cart:
  name: cart
  port: 3002
  kafka: true
  consumes: {{ (index $declared "cart").consumes | toJson }}
  calls:
    INVENTORY_URL: inventory
order:
  name: order
  port: 3001
  kafka: true
  consumes: {{ (index $declared "order").consumes | toJson }}
  calls: {}
inventory:
  name: inventory
  port: 3003
  kafka: true
  consumes: {{ (index $declared "inventory").consumes | toJson }}
  calls: {}
payment:
  name: payment
  port: 3004
  kafka: true
  consumes: {{ (index $declared "payment").consumes | toJson }}
  # Only while the simulator is enabled; otherwise BANK_URL is payment.bankUrl.
  calls:
    BANK_URL: bankSimulator
notification:
  name: notification
  port: 3005
  kafka: true
  consumes: {{ (index $declared "notification").consumes | toJson }}
  calls: {}
bankSimulator:
  name: bank-simulator
  port: 4000
  kafka: false
  consumes: []
  calls: {}
{{- end }}

{{/* The apps this release runs, as {apps: [catalog entry + key]}, in a fixed order. */}}
{{- define "peakshop.enabledApps" -}}
{{- $catalog := include "peakshop.catalog" . | fromYaml }}
{{- $apps := list }}
{{- range $key := list "gateway" "cart" "order" "inventory" "payment" "notification" "bankSimulator" }}
{{- if or (ne $key "bankSimulator") $.Values.bankSimulator.enabled }}
{{- $apps = append $apps (merge (dict "key" $key) (index $catalog $key)) }}
{{- end }}
{{- end }}
{{- toYaml (dict "apps" $apps) }}
{{- end }}

{{/* The enabled apps an app calls, as {env var: app}. */}}
{{- define "peakshop.app.callees" -}}
{{- $callees := dict }}
{{- $apps := include "peakshop.enabledApps" .root | fromYaml }}
{{- range $env, $key := .app.calls }}
{{- range $apps.apps }}
{{- if eq .key $key }}
{{- $_ := set $callees $env . }}
{{- end }}
{{- end }}
{{- end }}
{{- toYaml $callees }}
{{- end }}

{{/*
Every Kafka topic: what the apps declare they consume and publish
(catalog/topics.json), less dead-letter topics, plus each enabled consumer's dead
letters. The deploy-tests check this list against
packages/contracts/asyncapi.json.
*/}}
{{- define "peakshop.kafkaTopics" -}}
{{- $topics := list }}
{{- range $app, $declared := (.Files.Get "catalog/topics.json" | fromJson).apps }}
{{- range $topic := concat $declared.consumes $declared.publishes }}
{{- if not (hasSuffix ".dead-letters.v1" $topic) }}
{{- $topics = append $topics $topic }}
{{- end }}
{{- end }}
{{- end }}
{{- $topics = $topics | uniq | sortAlpha }}
{{- range (include "peakshop.enabledApps" . | fromYaml).apps }}
{{- if .consumes }}
{{- $topics = append $topics (printf "%s.dead-letters.v1" .name) }}
{{- end }}
{{- end }}
{{- toYaml (dict "topics" $topics) }}
{{- end }}

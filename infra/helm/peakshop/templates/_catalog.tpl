{{/*
What the chart knows about each app, read from the apps' sources (apps/<app>/src): its HTTP_PORT
default, whether it uses Kafka, the topics it consumes (its consumer group is
its name, the KAFKA_GROUP_ID default), and the apps it calls over HTTP, by the
environment variable that holds each one's URL. Keys are the values' keys.
*/}}
{{- define "peakshop.catalog" -}}
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
cart:
  name: cart
  port: 3002
  kafka: true
  consumes: []
  calls:
    INVENTORY_URL: inventory
order:
  name: order
  port: 3001
  kafka: true
  consumes:
    - cart.checkout.events.v1
    - inventory.stock.events.v1
    - payment.payment.events.v1
  calls: {}
inventory:
  name: inventory
  port: 3003
  kafka: true
  consumes:
    - inventory.stock.commands.v1
  calls: {}
payment:
  name: payment
  port: 3004
  kafka: true
  consumes:
    - payment.payment.commands.v1
  # Only while the simulator is enabled; otherwise BANK_URL is payment.bankUrl.
  calls:
    BANK_URL: bankSimulator
notification:
  name: notification
  port: 3005
  kafka: true
  consumes:
    - order.order.events.v1
    - payment.payment.events.v1
    - payment.bank-gateway.events.v1
    - order.skeleton.events.v1
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
Every Kafka topic: the channels of packages/contracts/asyncapi.json, the
skeleton topic (order publishes it, notification consumes it; it is not part
of the checkout flow's AsyncAPI document), and each consumer's dead letters.
The deploy-tests check this list against asyncapi.json.
*/}}
{{- define "peakshop.kafkaTopics" -}}
{{- $topics := list
  "cart.checkout.events.v1"
  "order.order.events.v1"
  "inventory.stock.commands.v1"
  "inventory.stock.events.v1"
  "payment.payment.commands.v1"
  "payment.payment.events.v1"
  "payment.bank-gateway.events.v1"
  "notification.notification.events.v1"
  "order.skeleton.events.v1" }}
{{- range (include "peakshop.enabledApps" . | fromYaml).apps }}
{{- if .consumes }}
{{- $topics = append $topics (printf "%s.dead-letters.v1" .name) }}
{{- end }}
{{- end }}
{{- toYaml (dict "topics" $topics) }}
{{- end }}

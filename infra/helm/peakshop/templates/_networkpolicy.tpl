{{/*
The rules of the NetworkPolicies, built as data and printed with toYaml.
Each helper returns {rules: [...]}.
*/}}

{{- define "peakshop.netpol.tcpPorts" -}}
{{- $ports := list }}
{{- range . }}
{{- $ports = append $ports (dict "port" . "protocol" "TCP") }}
{{- end }}
{{- toYaml (dict "ports" $ports) }}
{{- end }}

{{/*
A rule toward (or, with direction "from", from) a party given as {cidrs,
namespaceSelector, podSelector}: its CIDRs and its selected pods; with
neither, any address on the ports.
*/}}
{{- define "peakshop.netpol.partyRule" -}}
{{- $party := .party }}
{{- $peers := list }}
{{- range $party.cidrs }}
{{- $peers = append $peers (dict "ipBlock" (dict "cidr" .)) }}
{{- end }}
{{- $selector := dict }}
{{- with $party.namespaceSelector }}
{{- $_ := set $selector "namespaceSelector" . }}
{{- end }}
{{- with $party.podSelector }}
{{- $_ := set $selector "podSelector" . }}
{{- end }}
{{- if $selector }}
{{- $peers = append $peers $selector }}
{{- end }}
{{- $rule := include "peakshop.netpol.tcpPorts" .ports | fromYaml }}
{{- if $peers }}
{{- $_ := set $rule (.direction | default "to") $peers }}
{{- end }}
{{- toYaml $rule }}
{{- end }}

{{/* Pods of another app of this release, on the given port. */}}
{{- define "peakshop.netpol.appRule" -}}
{{- $labels := include "peakshop.app.selectorLabels" (dict "root" .root "app" .peer) | fromYaml }}
{{- $rule := include "peakshop.netpol.tcpPorts" (list .port) | fromYaml }}
{{- $_ := set $rule .direction (list (dict "podSelector" (dict "matchLabels" $labels))) }}
{{- toYaml $rule }}
{{- end }}

{{- define "peakshop.netpol.dnsRule" -}}
{{- $dns := .Values.networkPolicy.egress.dns }}
{{- $ports := list }}
{{- range $dns.ports }}
{{- $ports = concat $ports (list (dict "port" . "protocol" "UDP") (dict "port" . "protocol" "TCP")) }}
{{- end }}
{{- $peer := dict "namespaceSelector" $dns.namespaceSelector "podSelector" $dns.podSelector }}
{{- toYaml (dict "to" (list $peer) "ports" $ports) }}
{{- end }}

{{/* Who may call an app: the ingress controller (gateway only), the apps that call it, Prometheus. */}}
{{- define "peakshop.netpol.ingressRules" -}}
{{- $root := .root }}
{{- $app := .app }}
{{- $policy := $root.Values.networkPolicy }}
{{- $rules := list }}
{{- if eq $app.key "gateway" }}
{{- $rule := include "peakshop.netpol.partyRule" (dict "direction" "from" "party" $policy.ingressController "ports" (list $app.port)) | fromYaml }}
{{- $rules = append $rules $rule }}
{{- end }}
{{- range $caller := (include "peakshop.enabledApps" $root | fromYaml).apps }}
{{- range $callee := include "peakshop.app.callees" (dict "root" $root "app" $caller) | fromYaml }}
{{- if eq $callee.key $app.key }}
{{- $rules = append $rules (include "peakshop.netpol.appRule" (dict "root" $root "direction" "from" "peer" $caller "port" $app.port) | fromYaml) }}
{{- end }}
{{- end }}
{{- end }}
{{- $web := $root.Values.web }}
{{- if and (eq $app.key "bankSimulator") $web.enabled $web.devBankFaults }}
{{- $rules = append $rules (include "peakshop.netpol.appRule" (dict "root" $root "direction" "from" "peer" (dict "name" "web") "port" $app.port) | fromYaml) }}
{{- end }}
{{- $metrics := $policy.metrics }}
{{- if and $metrics.enabled (or $metrics.namespaceSelector $metrics.podSelector) }}
{{- $rules = append $rules (include "peakshop.netpol.partyRule" (dict "direction" "from" "party" $metrics "ports" (list $app.port)) | fromYaml) }}
{{- end }}
{{- toYaml (dict "rules" (concat $rules .values.networkPolicy.extraIngress)) }}
{{- end }}

{{/* Where an app may connect: DNS, the apps it calls, PostgreSQL, Kafka, and its outside parties. */}}
{{- define "peakshop.netpol.egressRules" -}}
{{- $root := .root }}
{{- $app := .app }}
{{- $values := .values }}
{{- $egress := $root.Values.networkPolicy.egress }}
{{- $rules := list (include "peakshop.netpol.dnsRule" $root | fromYaml) }}
{{- range $callee := include "peakshop.app.callees" . | fromYaml }}
{{- $rules = append $rules (include "peakshop.netpol.appRule" (dict "root" $root "direction" "to" "peer" $callee "port" $callee.port) | fromYaml) }}
{{- end }}
{{- $parties := list "postgresql" }}
{{- if $app.kafka }}
{{- $parties = append $parties "kafka" }}
{{- end }}
{{- if and (eq $app.key "payment") (not $root.Values.bankSimulator.enabled) }}
{{- $parties = append $parties "bank" }}
{{- end }}
{{- if and (eq $app.key "gateway") (eq $values.auth.mode "jwks") }}
{{- $parties = append $parties "identityProvider" }}
{{- end }}
{{- if and (eq $app.key "notification") $values.smtp.existingSecret }}
{{- $parties = append $parties "smtp" }}
{{- end }}
{{- if and (eq $app.key "notification") $values.webhooks.urls }}
{{- $parties = append $parties "webhooks" }}
{{- end }}
{{- if $root.Values.tracing.enabled }}
{{- $parties = append $parties "otlp" }}
{{- end }}
{{- range $parties }}
{{- $party := index $egress . }}
{{- $rules = append $rules (include "peakshop.netpol.partyRule" (dict "party" $party "ports" $party.ports) | fromYaml) }}
{{- end }}
{{- toYaml (dict "rules" (concat $rules $values.networkPolicy.extraEgress)) }}
{{- end }}

{{/*
Names and labels. The release's objects are named "<fullname>-<app>[suffix]";
labels follow https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/.
Per-app helpers take a context dict: root (the chart's top context), app (an
entry of peakshop.enabledApps), values (that app's values).
*/}}

{{- define "peakshop.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "peakshop.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "peakshop.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "peakshop.selectorLabels" -}}
app.kubernetes.io/name: {{ include "peakshop.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "peakshop.labels" -}}
helm.sh/chart: {{ include "peakshop.chart" . }}
{{ include "peakshop.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: peakshop
{{- end }}

{{/* "<fullname>-<app><suffix>", the prefix cut so the whole fits a 63-character DNS label. */}}
{{- define "peakshop.app.fullname" -}}
{{- $suffix := printf "-%s%s" .app.name (.suffix | default "") }}
{{- $prefix := include "peakshop.fullname" .root | trunc (int (sub 63 (len $suffix))) | trimSuffix "-" }}
{{- printf "%s%s" $prefix $suffix }}
{{- end }}

{{- define "peakshop.app.selectorLabels" -}}
{{ include "peakshop.selectorLabels" .root }}
app.kubernetes.io/component: {{ .app.name }}
{{- end }}

{{- define "peakshop.app.labels" -}}
{{ include "peakshop.labels" .root }}
app.kubernetes.io/component: {{ .app.name }}
{{- end }}

{{- define "peakshop.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "peakshop.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The hook Jobs (topics, migrations) run before the release's own ServiceAccount exists on a first install. */}}
{{- define "peakshop.hooks.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- printf "%s-hooks" (include "peakshop.fullname" . | trunc 57 | trimSuffix "-") }}
{{- else }}
{{- include "peakshop.serviceAccountName" . }}
{{- end }}
{{- end }}

{{/* repository@digest when a digest is set, else repository:tag (tag defaults to appVersion). */}}
{{- define "peakshop.app.image" -}}
{{- $image := .values.image }}
{{- $registry := .root.Values.global.imageRegistry | default $image.registry }}
{{- $repository := $image.repository }}
{{- if $registry }}
{{- $repository = printf "%s/%s" $registry $image.repository }}
{{- end }}
{{- if $image.digest }}
{{- printf "%s@%s" $repository $image.digest }}
{{- else }}
{{- printf "%s:%s" $repository (toString ($image.tag | default .root.Chart.AppVersion)) }}
{{- end }}
{{- end }}

{{- define "peakshop.imagePullSecrets" -}}
{{- with .Values.global.imagePullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ if kindIs "map" . }}{{ .name }}{{ else }}{{ . }}{{ end }}
{{- end }}
{{- end }}
{{- end }}

{{/* The URL by which one app reaches another inside the cluster. */}}
{{- define "peakshop.app.url" -}}
{{- printf "http://%s.%s.svc.%s:%v" (include "peakshop.app.fullname" .) .root.Release.Namespace .root.Values.clusterDomain .app.port }}
{{- end }}

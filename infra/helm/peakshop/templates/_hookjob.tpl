{{/*
A hook Job running one command of an app's CLI (`node dist/cli.js ...`) with
the app's image, settings and scheduling, before install and upgrade. Hooks
run before the release's ConfigMaps and ServiceAccount exist, so the Job
carries its settings inline and uses the hook ServiceAccount. Takes root, app,
values (as the per-app helpers), job (backoffLimit, activeDeadlineSeconds,
resources, podAnnotations), component (its label), suffix (of its name),
weight (its helm.sh/hook-weight), container (the container's name) and command.
*/}}
{{- define "peakshop.hookJob" -}}
{{- $ctx := dict "root" .root "app" .app "values" .values }}
{{- $root := .root }}
{{- $job := .job }}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "peakshop.app.fullname" (dict "root" $root "app" .app "suffix" .suffix) }}
  namespace: {{ $root.Release.Namespace | quote }}
  labels:
    {{- include "peakshop.labels" $root | nindent 4 }}
    app.kubernetes.io/component: {{ .component }}
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: {{ .weight | quote }}
    # A failed Job stays for `kubectl logs` until the next attempt replaces it.
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  backoffLimit: {{ $job.backoffLimit }}
  activeDeadlineSeconds: {{ $job.activeDeadlineSeconds }}
  template:
    metadata:
      labels:
        {{- include "peakshop.selectorLabels" $root | nindent 8 }}
        app.kubernetes.io/component: {{ .component }}
      {{- with $job.podAnnotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      restartPolicy: Never
      serviceAccountName: {{ include "peakshop.hooks.serviceAccountName" $root }}
      {{- include "peakshop.pod.security" $root | nindent 6 }}
      {{- with include "peakshop.app.scheduling" $ctx }}
      {{- . | trim | nindent 6 }}
      {{- end }}
      containers:
        - name: {{ .container }}
          image: {{ include "peakshop.app.image" $ctx | quote }}
          imagePullPolicy: {{ .values.image.pullPolicy }}
          command: [{{ range $i, $arg := .command }}{{ if $i }}, {{ end }}{{ $arg | quote }}{{ end }}]
          env:
            {{- include "peakshop.app.inlineEnv" $ctx | trim | nindent 12 }}
          resources:
            {{- toYaml $job.resources | nindent 12 }}
          {{- include "peakshop.container.security" $ctx | nindent 10 }}
      {{- include "peakshop.pod.volumes" $ctx | nindent 6 }}
{{- end }}

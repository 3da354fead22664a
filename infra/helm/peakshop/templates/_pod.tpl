{{/* Pod settings the Deployments and the hook Jobs (topics, migrations) share. */}}

{{/* Identity and hardening of a pod: no API token, the images' non-root user, RuntimeDefault seccomp. */}}
{{- define "peakshop.pod.security" -}}
automountServiceAccountToken: false
{{- include "peakshop.imagePullSecrets" . }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- end }}

{{/*
Volumes of an app's pods (Deployment and hook Jobs; takes root and app): a
writable /tmp on a read-only root filesystem and, for the apps that use Kafka
over TLS with a private CA, that CA's PEM from kafka.tls.caSecret.
*/}}
{{- define "peakshop.pod.volumes" -}}
volumes:
  - name: tmp
    emptyDir:
      sizeLimit: {{ .root.Values.tmpVolumeSizeLimit }}
{{- if include "peakshop.app.kafkaCa" . }}
{{- $ca := .root.Values.kafka.tls.caSecret }}
  - name: kafka-ca
    secret:
      secretName: {{ $ca.name }}
      items:
        - key: {{ $ca.key }}
          path: {{ include "peakshop.kafka.caFile" . }}
{{- end }}
{{- end }}

{{/* The container's hardening and its mounts (takes root and app, as peakshop.pod.volumes). */}}
{{- define "peakshop.container.security" -}}
securityContext:
  {{- toYaml .root.Values.containerSecurityContext | nindent 2 }}
volumeMounts:
  - name: tmp
    mountPath: /tmp
{{- if include "peakshop.app.kafkaCa" . }}
  - name: kafka-ca
    mountPath: {{ include "peakshop.kafka.caDir" . }}
    readOnly: true
{{- end }}
{{- end }}

{{/* Node selection of an app's pods (its hook Jobs too, without the spread). */}}
{{- define "peakshop.app.scheduling" -}}
{{- $values := .values }}
{{- with $values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- with $values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
The app's own constraints, else a best-effort spread over defaultTopologySpread's
keys, counting only the pods of the same rollout (pod-template-hash) so an
update does not skew it.
*/}}
{{- define "peakshop.app.topologySpread" -}}
{{- $spread := .root.Values.defaultTopologySpread }}
{{- if .values.topologySpreadConstraints }}
topologySpreadConstraints:
  {{- toYaml .values.topologySpreadConstraints | nindent 2 }}
{{- else if $spread.enabled }}
{{- $selector := include "peakshop.app.selectorLabels" . }}
topologySpreadConstraints:
  {{- range $spread.topologyKeys }}
  - maxSkew: {{ $spread.maxSkew }}
    topologyKey: {{ . }}
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- $selector | nindent 8 }}
    matchLabelKeys:
      - pod-template-hash
  {{- end }}
{{- end }}
{{- end }}

{{/* Chart name, truncated to the 63 characters a label value allows. */}}
{{- define "crescendo.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified name: the release name, plus the chart name unless the release already contains it. */}}
{{- define "crescendo.fullname" -}}
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

{{- define "crescendo.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every object of the release. */}}
{{- define "crescendo.labels" -}}
helm.sh/chart: {{ include "crescendo.chart" . }}
{{ include "crescendo.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels that select the operator pod (Service, ServiceMonitor). */}}
{{- define "crescendo.selectorLabels" -}}
app.kubernetes.io/name: {{ include "crescendo.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "crescendo.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "crescendo.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* repository:tag, the tag defaulting to the chart's appVersion. The operator and its stage Jobs share it. */}}
{{- define "crescendo.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag | toString) }}
{{- end }}

{{/*
The rules the operator needs on campaigns and what they own, and nothing else (no wildcards).
Shared by the ClusterRole (all namespaces) and the per-namespace Roles (watchNamespaces).
*/}}
{{- define "crescendo.rules" -}}
# Watch campaigns (JOSDK informers) ...
- apiGroups: ["crescendo.dev"]
  resources: ["loadcampaigns"]
  verbs: ["get", "list", "watch"]
# ... and write their status through the status subresource (JSON Patch).
- apiGroups: ["crescendo.dev"]
  resources: ["loadcampaigns/status"]
  verbs: ["get", "patch", "update"]
# One Job per stage: created, watched for results, deleted to halt a stage.
- apiGroups: ["batch"]
  resources: ["jobs"]
  verbs: ["get", "list", "watch", "create", "delete"]
# Stage pods: their termination message (the summary) and IP (the live /snapshot).
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch"]
# Prometheus bearer tokens referenced by campaigns (spec.prometheus.bearerTokenSecretRef).
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
# ThresholdBreached, CampaignHalted and the other campaign events.
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch"]
{{- end }}

{{/*
A number as the operator parses it: whole numbers without a decimal point or exponent (values files
give every number as a float, which would print 1e+06), others as they are.
*/}}
{{- define "crescendo.number" -}}
{{- if eq (float64 .) (float64 (int64 .)) }}{{ int64 . }}{{ else }}{{ . }}{{ end }}
{{- end }}

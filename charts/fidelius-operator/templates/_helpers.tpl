{{/* Chart name, truncated to the 63 characters a label value allows. */}}
{{- define "fidelius-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's resources: release name, plus the chart name unless it already contains it. */}}
{{- define "fidelius-operator.fullname" -}}
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

{{- define "fidelius-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "fidelius-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "fidelius-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "fidelius-operator.labels" -}}
helm.sh/chart: {{ include "fidelius-operator.chart" . }}
{{ include "fidelius-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "fidelius-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "fidelius-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "fidelius-operator.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/* Leader election: asked for, or implied by more than one replica. */}}
{{- define "fidelius-operator.leaderElect" -}}
{{- if or .Values.leaderElect (gt (int .Values.replicaCount) 1) }}true{{ else }}false{{ end }}
{{- end }}

{{- define "fidelius-operator.leaseName" -}}
{{- printf "%s-leader" (include "fidelius-operator.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Whether the operator watches ClusterFideliusStores and Namespaces. */}}
{{- define "fidelius-operator.clusterResources" -}}
{{- if and .Values.processClusterStore (not .Values.scopedRBAC) }}true{{ else }}false{{ end }}
{{- end }}

{{/* Value combinations the schema cannot express. */}}
{{- define "fidelius-operator.validate" -}}
{{- if and .Values.scopedRBAC (not .Values.scopedNamespace) }}
{{- fail "scopedRBAC: true needs scopedNamespace: the namespace whose FideliusSecrets the operator serves" }}
{{- end }}
{{- if and .Values.serviceMonitor.enabled (not .Values.metrics.service.enabled) }}
{{- fail "serviceMonitor.enabled: true needs metrics.service.enabled: true (the ServiceMonitor selects that Service)" }}
{{- end }}
{{- end }}

{{/*
The operator's rules, one list shared by the ClusterRole and the scoped Role. Argument: a dict with "root"
(the chart context) and "cluster" (whether cluster-scoped resources belong in the list).
*/}}
{{- define "fidelius-operator.rules" -}}
{{- $v := .root.Values }}
# FideliusSecrets and stores: watched; only their status is written.
- apiGroups: ["fidelius.dev"]
  resources:
    - fideliussecrets
    - fideliusstores
    {{- if .cluster }}
    - clusterfideliusstores
    {{- end }}
  verbs: ["get", "list", "watch"]
- apiGroups: ["fidelius.dev"]
  resources:
    - fideliussecrets/status
    - fideliusstores/status
    {{- if .cluster }}
    - clusterfideliusstores/status
    {{- end }}
  verbs: ["patch"]
# Target Secrets: managed ones are watched (by label), others read once to refuse a takeover or merge keys;
# written with server-side apply; deleted only under deletionPolicy Delete or to replace an immutable one.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
# Events on FideliusSecrets (condition and data changes, keys only, never values) and on stores (region switches).
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- if .cluster }}
# Namespace labels, for access rules with a namespaceSelector.
- apiGroups: [""]
  resources: ["namespaces"]
  verbs: ["get", "list", "watch"]
{{- end }}
{{- if $v.rbac.serviceAccountTokens }}
# Stores with auth.serviceAccountRef: the tenant's ServiceAccount (its IAM role annotation) and a short-lived
# token of it for AssumeRoleWithWebIdentity.
- apiGroups: [""]
  resources: ["serviceaccounts"]
  verbs: ["get"]
- apiGroups: [""]
  resources: ["serviceaccounts/token"]
  verbs: ["create"]
{{- end }}
{{- if $v.rbac.rolloutRestart }}
# rolloutRestartTargets: restarted like kubectl rollout restart (a pod template annotation).
- apiGroups: ["apps"]
  resources: ["deployments", "statefulsets", "daemonsets"]
  verbs: ["get", "patch"]
# Argo Rollouts (kind: Rollout): restarted through spec.restartAt.
- apiGroups: ["argoproj.io"]
  resources: ["rollouts"]
  verbs: ["get", "patch"]
{{- end }}
{{- end }}

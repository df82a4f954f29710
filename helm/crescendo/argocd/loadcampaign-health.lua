-- Argo CD health check for crescendo.dev/LoadCampaign: the value of
-- resource.customizations.health.crescendo.dev_LoadCampaign in argocd-cm (see ../README.md).
-- Argo CD runs it with the live object in `obj` and expects {status, message} back.
--
--   Pending, Preflight, Running, or no status yet  -> Progressing (a sync wave waits for the verdict)
--   AwaitingApproval                               -> Suspended   (Manual progression: raise approvedThrough)
--   Succeeded                                      -> Healthy     (verdict PASSED or MARGINAL)
--   Failed, Halted, Invalid                        -> Degraded    (status.message says why)
local hs = {}

local status = obj.status
if status == nil or status.phase == nil or status.phase == "" then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to pick up the campaign"
  return hs
end

-- A status written for an older spec: the new run has not started yet, whatever the old phase says.
if status.observedGeneration ~= nil and obj.metadata ~= nil and obj.metadata.generation ~= nil
    and status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to start a run for generation " .. tostring(obj.metadata.generation)
  return hs
end

local phase = status.phase
local message = status.message

if phase == "Pending" or phase == "Preflight" or phase == "Running" then
  hs.status = "Progressing"
  if message == nil or message == "" then
    if phase == "Running" and status.currentStage ~= nil then
      message = "Running stage " .. status.currentStage
    else
      message = phase
    end
  end
  hs.message = message
elseif phase == "AwaitingApproval" then
  hs.status = "Suspended"
  if (message == nil or message == "") and status.currentStage ~= nil then
    message = "Awaiting approval to go on after stage " .. status.currentStage
  elseif message == nil or message == "" then
    message = "Awaiting approval (spec.progression.approvedThrough)"
  end
  hs.message = message
elseif phase == "Succeeded" then
  hs.status = "Healthy"
  hs.message = "Succeeded with verdict " .. tostring(status.verdict)
  if message ~= nil and message ~= "" then
    hs.message = hs.message .. ": " .. message
  end
elseif phase == "Failed" or phase == "Halted" or phase == "Invalid" then
  hs.status = "Degraded"
  if message == nil or message == "" then
    message = phase
  end
  hs.message = message
else
  hs.status = "Unknown"
  hs.message = "Unknown phase " .. tostring(phase)
end
return hs

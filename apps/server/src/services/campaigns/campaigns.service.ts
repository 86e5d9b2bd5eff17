import type {
  AddAppendixRowRequest,
  AddMilestoneRequest,
  AddOutlineItemRequest,
  AssignmentMatrixDto,
  CampaignDetailDto,
  CampaignSummaryDto,
  CatalogueIndicatorDetailDto,
  CatalogueIndicatorDto,
  CopyCampaignRequest,
  ImportTemplateResultDto,
  MoveRequest,
  MyAssignmentGroupDto,
  RecordRowRequest,
  UpdateAppendixRequest,
  UpdateAppendixRowRequest,
  UpdateMilestoneRequest,
  UpdateOutlineItemRequest,
} from "@tonghop/contracts";
import type { RequestContext } from "../../auth/actor.js";
import type { CampaignDeps } from "./campaign-deps.js";
import { assignmentMatrix, getCampaignDetail, listCampaigns, myAssignments } from "./campaign-read.js";
import { catalogueDetail, decideCatalogueChange, listCatalogue } from "./catalogue.js";
import { copyCampaign } from "./copy-campaign.js";
import { addAppendixRow, deleteAppendixRow, deleteRecordRow, moveAppendixRow, saveRecordRow, updateAppendix, updateAppendixRow } from "./edit-appendix.js";
import { addMilestone, deleteMilestone, updateMilestone } from "./edit-milestones.js";
import { addOutlineItem, deleteOutlineItem, moveOutlineItem, renumberCampaignOutline, updateOutlineItem } from "./edit-outline.js";
import { exportCampaign } from "./export-template.js";
import { importTemplate, type ImportTemplateInput } from "./import-template.js";
import { publishCampaign, type PublishResult } from "./publish-campaign.js";
import { updateCampaignInfo } from "./update-campaign.js";

/**
 * Campaigns set up from directives: import, publish, read, edit, export, copy, the assignment matrix and the
 * indicator catalogue. Each operation lives in its own file of this folder; this class is the entry point the
 * routes and other services use.
 */
export class CampaignsService {
  constructor(readonly deps: CampaignDeps) {}

  importTemplate(ctx: RequestContext, input: ImportTemplateInput): Promise<ImportTemplateResultDto> {
    return importTemplate(this.deps, ctx, input);
  }

  publish(ctx: RequestContext, campaignId: string, expectedVersion?: number): Promise<PublishResult> {
    return publishCampaign(this.deps, ctx, campaignId, expectedVersion);
  }

  list(ctx: RequestContext): Promise<CampaignSummaryDto[]> {
    return listCampaigns(this.deps, ctx);
  }

  get(ctx: RequestContext, id: string): Promise<CampaignDetailDto> {
    return getCampaignDetail(this.deps, ctx, id);
  }

  matrix(ctx: RequestContext, id: string): Promise<AssignmentMatrixDto> {
    return assignmentMatrix(this.deps, ctx, id);
  }

  /** The signed-in agency user's assignments (coordinators may ask for another agency's list). */
  myAssignments(ctx: RequestContext, agencyId?: string): Promise<MyAssignmentGroupDto[]> {
    return myAssignments(this.deps, ctx, agencyId);
  }

  exportYaml(ctx: RequestContext, id: string): Promise<{ fileName: string; text: string }> {
    return exportCampaign(this.deps, ctx, id);
  }

  copy(ctx: RequestContext, id: string, input: CopyCampaignRequest): Promise<{ campaignId: string }> {
    return copyCampaign(this.deps, ctx, id, input);
  }

  update(ctx: RequestContext, id: string, input: { version: number; name?: string | undefined; description?: string | null | undefined }): Promise<CampaignDetailDto> {
    return updateCampaignInfo(this.deps, ctx, id, input);
  }

  // --- outline
  addOutlineItem(ctx: RequestContext, id: string, input: AddOutlineItemRequest) {
    return addOutlineItem(this.deps, ctx, id, input);
  }
  updateOutlineItem(ctx: RequestContext, id: string, itemId: string, input: UpdateOutlineItemRequest) {
    return updateOutlineItem(this.deps, ctx, id, itemId, input);
  }
  deleteOutlineItem(ctx: RequestContext, id: string, itemId: string, version: number) {
    return deleteOutlineItem(this.deps, ctx, id, itemId, version);
  }
  moveOutlineItem(ctx: RequestContext, id: string, itemId: string, input: MoveRequest) {
    return moveOutlineItem(this.deps, ctx, id, itemId, input);
  }
  renumberOutline(ctx: RequestContext, id: string, version: number) {
    return renumberCampaignOutline(this.deps, ctx, id, version);
  }

  // --- appendices
  updateAppendix(ctx: RequestContext, id: string, appendixId: string, input: UpdateAppendixRequest) {
    return updateAppendix(this.deps, ctx, id, appendixId, input);
  }
  addAppendixRow(ctx: RequestContext, id: string, appendixId: string, input: AddAppendixRowRequest) {
    return addAppendixRow(this.deps, ctx, id, appendixId, input);
  }
  updateAppendixRow(ctx: RequestContext, id: string, appendixId: string, rowId: string, input: UpdateAppendixRowRequest) {
    return updateAppendixRow(this.deps, ctx, id, appendixId, rowId, input);
  }
  deleteAppendixRow(ctx: RequestContext, id: string, appendixId: string, rowId: string, version: number) {
    return deleteAppendixRow(this.deps, ctx, id, appendixId, rowId, version);
  }
  moveAppendixRow(ctx: RequestContext, id: string, appendixId: string, rowId: string, input: MoveRequest) {
    return moveAppendixRow(this.deps, ctx, id, appendixId, rowId, input);
  }
  saveRecordRow(ctx: RequestContext, id: string, appendixId: string, rowId: string | null, input: RecordRowRequest) {
    return saveRecordRow(this.deps, ctx, id, appendixId, rowId, input);
  }
  deleteRecordRow(ctx: RequestContext, id: string, appendixId: string, rowId: string, version: number) {
    return deleteRecordRow(this.deps, ctx, id, appendixId, rowId, version);
  }

  // --- milestones
  addMilestone(ctx: RequestContext, id: string, input: AddMilestoneRequest) {
    return addMilestone(this.deps, ctx, id, input);
  }
  updateMilestone(ctx: RequestContext, id: string, milestoneId: string, input: UpdateMilestoneRequest) {
    return updateMilestone(this.deps, ctx, id, milestoneId, input);
  }
  deleteMilestone(ctx: RequestContext, id: string, milestoneId: string, version: number) {
    return deleteMilestone(this.deps, ctx, id, milestoneId, version);
  }

  // --- catalogue
  catalogue(ctx: RequestContext, q: { q?: string | undefined; pending?: "true" | "false" | undefined }): Promise<CatalogueIndicatorDto[]> {
    return listCatalogue(this.deps, ctx, q);
  }
  catalogueIndicator(ctx: RequestContext, id: string): Promise<CatalogueIndicatorDetailDto> {
    return catalogueDetail(this.deps, ctx, id);
  }
  decideCatalogueChange(ctx: RequestContext, changeId: string, decision: "accept" | "reject"): Promise<CatalogueIndicatorDetailDto> {
    return decideCatalogueChange(this.deps, ctx, changeId, decision);
  }
}

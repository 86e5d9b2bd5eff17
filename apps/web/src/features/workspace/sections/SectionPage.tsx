import { FileWordOutlined, HistoryOutlined } from "@ant-design/icons";
import { ASSIGNMENT_ROLE_LABELS, SECTION_DOCX_MAX_BYTES, type ContributionDto, type SectionPageDto, type SectionWriteResultDto } from "@tonghop/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Breadcrumb, Button, Card, Col, Empty, List, Modal, Radio, Row, Select, Space, Spin, Tag, Tooltip, Typography, Upload } from "antd";
import { useRef, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { useSession } from "../../../api/session";
import { ErrorAlert, errorMessage } from "../../../components/ErrorAlert";
import { fmtDateTime, fmtNumber } from "../../../lib/format";
import { WorkflowBar } from "../workflow/WorkflowBar";
import { ConflictDialog, handMergeHtml } from "./ConflictDialog";
import { ContributionsPanel } from "./ContributionsPanel";
import { HistoryDrawer } from "./HistoryDrawer";
import { SectionEditor, type SectionEditorHandle, type SectionStats } from "./SectionEditor";
import { mergeContribution, restoreSection, sectionKeys, uploadDocx, useSectionPage } from "./sections.api";
import { SAVE_STATUS_LABELS, useSectionAutosave, type SaveStatus } from "./useSectionAutosave";

const STATUS_COLOR: Record<SaveStatus, string> = { saved: "green", dirty: "orange", saving: "blue", conflict: "red", error: "red" };

const fmtPages = (n: number) => fmtNumber(n, 1);

/** /dot/:campaignId/muc/:itemId — write (or, for coordinators and viewers with ?agency=, read) one outline item. */
export function SectionPage() {
  const { campaignId = "", itemId = "" } = useParams();
  const [search] = useSearchParams();
  const agency = search.get("agency") ?? search.get("don-vi");
  const page = useSectionPage(campaignId, itemId, agency);
  if (page.isLoading) return <Spin />;
  if (page.error || !page.data) return <ErrorAlert error={page.error ?? new Error("Không tải được mục.")} />;
  // A new item or agency (or a reload after a workflow step that changes who may edit) starts a fresh editor.
  return <SectionWorkspace key={`${page.data.item.id}:${page.data.agency.id}:${page.data.assignment.canEdit}`} page={page.data} />;
}

function SectionWorkspace({ page }: { page: SectionPageDto }) {
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const editor = useRef<SectionEditorHandle>(null);
  const [stats, setStats] = useState<SectionStats>({ words: page.section.wordCount, pages: page.section.pages });
  const [historyOpen, setHistoryOpen] = useState(false);
  const [notices, setNotices] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const canEdit = page.assignment.canEdit;
  const assignmentId = page.assignment.id;
  const itemId = page.item.id;
  const autosave = useSectionAutosave({
    assignmentId,
    itemId,
    version: page.section.version,
    enabled: canEdit,
    onSaved: (r) => setNotices(r.notices),
  });
  const { user } = useSession();
  // Coordinators and viewers read another agency's text; they can switch between the agencies of the item.
  const reviewer = user != null && user.agencyId !== page.agency.id;
  const agencyQuery = reviewer ? `?agency=${page.agency.id}` : "";
  const refreshPage = () => qc.invalidateQueries({ queryKey: ["sections", "page", page.campaign.id] });

  /** Saves what is pending; false (with a message) when it could not be saved. */
  const flushFirst = async () => {
    if (!canEdit) return true;
    const ok = await autosave.flush();
    if (!ok && autosave.hasPending()) {
      void message.error("Nội dung chưa lưu được; hãy xử lý trước (xem trạng thái lưu).");
      return false;
    }
    return true;
  };

  const applyWrite = (r: SectionWriteResultDto) => {
    editor.current?.setHtml(r.section.html);
    autosave.adopt(r.section);
    setNotices(r.notices);
    void qc.invalidateQueries({ queryKey: sectionKeys.versions(assignmentId, itemId) });
  };

  const upload = async (file: File) => {
    if (file.size > SECTION_DOCX_MAX_BYTES) {
      void message.error("Tệp vượt quá giới hạn 10 MB.");
      return;
    }
    if (!/\.docx$/i.test(file.name)) {
      void message.error("Chỉ nhận văn bản Word .docx.");
      return;
    }
    let mode: "replace" | "append" = "replace";
    if (stats.words > 0) {
      const confirmed = await new Promise<boolean>((resolve) => {
        modal.confirm({
          title: `Tải "${file.name}" vào mục`,
          content: (
            <Radio.Group defaultValue="replace" onChange={(e) => (mode = e.target.value as "replace" | "append")} style={{ display: "flex", flexDirection: "column", gap: 8, marginTop: 8 }}>
              <Radio value="replace">Thay toàn bộ nội dung hiện tại (bản cũ vẫn còn trong lịch sử)</Radio>
              <Radio value="append">Thêm vào cuối nội dung hiện tại</Radio>
            </Radio.Group>
          ),
          okText: "Tải lên",
          cancelText: "Huỷ",
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        });
      });
      if (!confirmed) return;
    }
    if (!(await flushFirst())) return;
    setBusy(true);
    try {
      const r = await uploadDocx(assignmentId, itemId, file, autosave.version(), mode);
      applyWrite(r);
      void message.success(`Đã đưa nội dung "${file.name}" vào mục.`);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const restore = async (version: number) => {
    if (!(await flushFirst())) return;
    try {
      applyWrite(await restoreSection(assignmentId, itemId, version, autosave.version()));
      void message.success(`Đã khôi phục phiên bản ${version}.`);
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const merge = async (c: ContributionDto) => {
    if (!(await flushFirst()) || !c.id) return;
    try {
      applyWrite(await mergeContribution(assignmentId, itemId, c.id, autosave.version()));
      void message.success(`Đã đưa ý kiến của ${c.agencyName} vào cuối bài.`);
      void refreshPage();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const budget = page.item.pageBudget;
  const over = budget != null && stats.pages > budget;
  const title = `${page.item.labelPath.join(" ")} ${page.item.title}`;

  return (
    <div data-testid="section-page">
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to="/viec-cua-don-vi">Việc của đơn vị</Link> },
          { title: <Link to={`/dot-tong-hop/${page.campaign.id}`}>{page.campaign.name}</Link> },
          { title: page.item.labelPath.join(" / ") },
        ]}
      />
      <Space align="baseline" wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Tag color={page.assignment.role === "lead" ? "blue" : "default"}>{ASSIGNMENT_ROLE_LABELS[page.assignment.role]}</Tag>
        <Typography.Text type="secondary">{page.agency.name}</Typography.Text>
      </Space>
      {reviewer && page.otherAgencies.length > 0 && (
        <div style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary" style={{ marginRight: 8 }}>
            Xem bài của:
          </Typography.Text>
          <Select
            style={{ minWidth: 320 }}
            value={page.agency.id}
            options={[
              { value: page.agency.id, label: `${page.agency.name} (${ASSIGNMENT_ROLE_LABELS[page.assignment.role].toLowerCase()})` },
              ...page.otherAgencies.map((o) => ({ value: o.agencyId, label: `${o.agencyName} (${ASSIGNMENT_ROLE_LABELS[o.role].toLowerCase()})` })),
            ]}
            onChange={(id: string) => void navigate(`/dot/${page.campaign.id}/muc/${page.item.id}?agency=${id}`)}
          />
        </div>
      )}
      <WorkflowBar assignmentId={assignmentId} initial={page.assignment} beforeAction={() => flushFirst()} onChanged={() => void refreshPage()} />
      <Row gutter={16} wrap={false}>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Card
            size="small"
            styles={{ body: { padding: 0 } }}
            title={
              <Space size={12} wrap>
                {canEdit ? (
                  <Tooltip title={autosave.error ?? (autosave.saved ? `Phiên bản ${autosave.saved.version}, ${fmtDateTime(autosave.saved.updatedAt)}` : undefined)}>
                    <Tag color={STATUS_COLOR[autosave.status]} data-testid="save-status">
                      {SAVE_STATUS_LABELS[autosave.status]}
                    </Tag>
                  </Tooltip>
                ) : (
                  <Tag data-testid="save-status">Chỉ xem</Tag>
                )}
                <Typography.Text type="secondary" data-testid="word-count">
                  {fmtNumber(stats.words)} từ
                </Typography.Text>
                <Typography.Text type={over ? "danger" : "secondary"} data-testid="page-estimate">
                  ≈ {fmtPages(stats.pages)}
                  {budget != null ? ` / ${fmtPages(budget)}` : ""} trang{over ? " — vượt số trang cho phép" : ""}
                </Typography.Text>
              </Space>
            }
            extra={
              <Space>
                {canEdit && (
                  <Upload accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" showUploadList={false} beforeUpload={(file) => (void upload(file), false)}>
                    <Button icon={<FileWordOutlined />} loading={busy} data-testid="upload-docx">
                      Tải .docx
                    </Button>
                  </Upload>
                )}
                <Button icon={<HistoryOutlined />} onClick={() => setHistoryOpen(true)} data-testid="open-history">
                  Lịch sử
                </Button>
              </Space>
            }
          >
            {autosave.status === "error" && autosave.error && (
              <Alert
                type="error"
                showIcon
                banner
                title={autosave.error}
                action={
                  <Button size="small" onClick={() => void autosave.flush()}>
                    Thử lại
                  </Button>
                }
              />
            )}
            {notices.map((n) => (
              <Alert key={n} type="warning" showIcon banner closable title={n} />
            ))}
            <SectionEditor ref={editor} content={page.section.html} editable={canEdit} onChange={autosave.change} onStats={setStats} />
            {!canEdit && !page.section.html && <Empty style={{ padding: 24 }} description="Đơn vị chưa viết nội dung cho mục này." />}
          </Card>
          {!canEdit && !reviewer && page.assignment.editRefusal && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {page.assignment.editRefusal}
            </Typography.Paragraph>
          )}
        </Col>
        <Col flex="360px">
          {page.item.guidance && (
            <Card size="small" title="Hướng dẫn của đề cương" style={{ marginBottom: 16 }} data-testid="guidance">
              <Typography.Paragraph style={{ whiteSpace: "pre-line", marginBottom: 0 }}>{page.item.guidance}</Typography.Paragraph>
            </Card>
          )}
          <Card size="small" title="Các mục phải viết" style={{ marginBottom: 16 }}>
            <List
              size="small"
              dataSource={page.items}
              renderItem={(i) => {
                const current = i.id === page.item.id;
                const words = current ? stats.words : i.wordCount;
                const pages = current ? stats.pages : i.pages;
                return (
                  <List.Item style={{ paddingLeft: 8 + i.depth * 14, background: current ? "#e6f4ff" : undefined }} data-testid={`item-${i.label}`}>
                    <div style={{ width: "100%" }}>
                      <Link to={`/dot/${page.campaign.id}/muc/${i.id}${agencyQuery}`}>
                        <Typography.Text strong={current}>
                          {i.label} {i.title}
                        </Typography.Text>
                      </Link>
                      <div style={{ fontSize: 12 }}>
                        {words === 0 ? (
                          <Typography.Text type="warning">Chưa viết</Typography.Text>
                        ) : (
                          <Typography.Text type={i.pageBudget != null && pages > i.pageBudget ? "danger" : "secondary"}>
                            {fmtNumber(words)} từ · ≈ {fmtPages(pages)}
                            {i.pageBudget != null ? `/${fmtPages(i.pageBudget)}` : ""} trang
                          </Typography.Text>
                        )}
                      </div>
                    </div>
                  </List.Item>
                );
              }}
            />
          </Card>
          <ContributionsPanel page={page} canMerge={canEdit && page.assignment.role === "lead"} onMerge={merge} />
        </Col>
      </Row>
      <ConflictDialog
        conflict={autosave.conflict}
        mine={autosave.mine}
        onKeepMine={() => autosave.keepMine(editor.current?.getHtml() ?? autosave.conflict?.yours.html ?? "")}
        onTakeTheirs={() => editor.current?.setHtml(autosave.takeTheirs())}
        onMergeByHand={() => {
          const merged = handMergeHtml(autosave.conflict?.theirs.html ?? "", editor.current?.getHtml() ?? "");
          editor.current?.setHtml(merged);
          autosave.mergeByHand(merged);
          Modal.destroyAll();
        }}
      />
      <HistoryDrawer
        open={historyOpen}
        onClose={() => setHistoryOpen(false)}
        assignmentId={assignmentId}
        itemId={itemId}
        currentVersion={autosave.saved?.version ?? page.section.version}
        canRestore={canEdit}
        onRestore={restore}
      />
    </div>
  );
}

/** Route module (lazy): the editor (Tiptap) loads only when a section is opened. */
export { SectionPage as Component };

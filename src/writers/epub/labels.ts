/**
 * The Chinese words the EPUB writer itself adds to the book. Kept in one place because every
 * string drawn in the body or heading font must also reach the font subsetter.
 */
export const LABELS = {
  toc: '目录',
  board: '编委会',
  cover: '封面',
  titlePage: '扉页',
  pageList: '页码',
  copyrightPage: '版权页',
  bodyMatter: '正文',
  landmarks: '导览',
  footnotes: '注释',
  /** Spoken names of note links (aria-label), followed by the note number. */
  noteRef: '注释',
  backLink: '返回正文注释',
  /** Chinese books wrap the date line under a title in full-width parentheses. */
  dateOpen: '（',
  dateClose: '）',
  subtitleDash: '——',
  /** Separates a role from its names on the board page (主编：李玉赋). */
  colon: '：',
  ideographicSpace: '\u3000',
  enSpace: '\u2002',
  /** The stylesheet marks em with `text-emphasis: filled dot`, drawn as U+2022 in the text font. */
  emphasisMark: '\u2022',
} as const;

export const ACCESSIBILITY_SUMMARY =
  '本电子书为可重排的文本出版物，提供结构化目录与章节标题导航，阅读顺序与印刷版一致；无已知的光敏、动效或声音危害。';

/** Every writer-added string drawn in the body family (landmarks are hidden but harmless). */
export const BODY_EXTRA_TEXT: string[] = Object.values(LABELS);
/** Writer-added strings drawn in the heading family (the nav's own h1). */
export const HEADING_EXTRA_TEXT: string[] = [LABELS.toc];

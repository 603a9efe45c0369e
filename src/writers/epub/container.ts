/** META-INF files: the container pointing at the package, and Apple Books' display options. */
import { OPF_PATH } from './paths.js';
import { NS, newXmlDocument, serialize } from './xml.js';

export const CONTAINER_PATH = 'META-INF/container.xml';
export const APPLE_OPTIONS_PATH = 'META-INF/com.apple.ibooks.display-options.xml';

export function renderContainer(): string {
  const doc = newXmlDocument();
  doc
    .ele(NS.container, 'container')
    .att('version', '1.0')
    .ele('rootfiles')
    .ele('rootfile')
    .att('full-path', OPF_PATH)
    .att('media-type', 'application/oebps-package+xml');
  return serialize(doc);
}

/** Without specified-fonts, Apple Books ignores embedded fonts and sets CJK in its own. */
export function renderAppleDisplayOptions(): string {
  const doc = newXmlDocument();
  doc.ele('display_options').ele('platform').att('name', '*').ele('option').att('name', 'specified-fonts').txt('true');
  return serialize(doc);
}

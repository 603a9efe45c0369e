/**
 * File names and extensions the checks share with the image stages, kept apart from them so
 * that `check` on a book without images never loads sharp or the SVG sanitiser.
 */

/** The project's own cover image, when it has one. */
export const COVER_FILE = 'cover.jpg';

/** The image formats a chapter may reference. */
export const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.tif', '.tiff', '.svg']);

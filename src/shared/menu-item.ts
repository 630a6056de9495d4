/** One context-menu item as the core builds it and the menus adapter creates it (src/core/context-menu.ts). */
export interface MenuItem {
  id: string;
  title: string;
  contexts: ('page' | 'link')[];
  parentId?: string;
  /** Pages the item shows on (a page item). */
  documentUrlPatterns?: string[];
  /** Links the item shows on (a link item). */
  targetUrlPatterns?: string[];
}

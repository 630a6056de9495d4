// Stylesheets imported by the UI entries are bundled by Vite.
declare module '*.css';

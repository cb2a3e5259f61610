// Which OS draws the window: WebView2 on Windows (its user agent names Windows), WebKitGTK elsewhere. Actions
// that only a Windows terminal can answer (its certificate store, its installed apps) are offered there only.
export const onWindows = typeof navigator !== "undefined" && navigator.userAgent.includes("Windows");

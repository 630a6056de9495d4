/**
 * Evaluated in a page of either browser: opens a WebSocket and resolves to its first message (the
 * origin's view of the source address), or `failed: …` on an error or after `timeout` ms.
 */
export function firstWebSocketMessage({ url, timeout }: { url: string; timeout: number }): Promise<string> {
  return new Promise<string>((resolve) => {
    const ws = new WebSocket(url);
    const timer = setTimeout(() => resolve('failed: timeout'), timeout);
    ws.onmessage = (e) => {
      clearTimeout(timer);
      resolve(String(e.data));
      ws.close();
    };
    ws.onerror = () => {
      clearTimeout(timer);
      resolve('failed: error');
    };
  });
}

/** The one error renderMap throws on purpose; the CLI prints `message` and exits non-zero. */
export type MapRenderErrorCode = "incomplete-model" | "layout-timeout" | "layout-failed";

export class MapRenderError extends Error {
  override readonly name = "MapRenderError";
  constructor(
    readonly code: MapRenderErrorCode,
    message: string,
  ) {
    super(message);
  }
}

import { resolveImages } from "./images";

// testcontainers reads RYUK_CONTAINER_IMAGE once, when it is first imported, so
// this module must be imported before it: the reaper image is configuration
// like every other image (offline machines use the locally built one).
process.env.RYUK_CONTAINER_IMAGE ??= resolveImages().reaper;

import type { FastifyReply } from "fastify";

/**
 * Drops the connection without answering, after the work was committed: the
 * client sees a connection reset and cannot know the outcome, as with a bank
 * whose answer is lost on the way. A reset (RST), not a clean close, so the
 * client cannot mistake it for an empty answer.
 */
export function dropConnection(reply: FastifyReply): void {
  reply.hijack();
  const socket = reply.raw.socket;
  if (socket) socket.resetAndDestroy();
  else reply.raw.destroy();
}

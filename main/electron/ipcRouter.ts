/**
 * The one door between renderer and main. Every channel of the contract is
 * registered here by a feature module; before a handler runs, the router
 *  1. drops the message unless it comes from the top frame of our app origin, and
 *  2. validates the arguments with the channel's zod schema (contract.ipcRequests),
 * so handlers receive typed, checked arguments and nothing else reaches them.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { z } from 'zod';
import { ipcRequests, type IpcEventChannel, type IpcEvents, type IpcRequestChannel, type IpcResponses } from '../../solver/contract.ts';
import { formatPath } from '../../solver/scenario/validate.ts';
import { isTrustedSender } from './security.ts';

export type IpcHandler<C extends IpcRequestChannel> = (
  event: IpcMainInvokeEvent,
  ...args: z.output<(typeof ipcRequests)[C]>
) => IpcResponses[C] | Promise<IpcResponses[C]>;

export class IpcPayloadError extends Error {
  override name = 'IpcPayloadError';
}

export interface IpcRouter {
  handle<C extends IpcRequestChannel>(channel: C, handler: IpcHandler<C>): void;
  /** Throws unless every channel of the contract has a handler (checked once at startup). */
  assertComplete(): void;
  dispose(): void;
}

export interface IpcRouterOptions {
  /** extra sender condition, e.g. "belongs to our main window" */
  isOurWebContents?: (sender: WebContents) => boolean;
  log?: (message: string) => void;
}

/** "file:save [0].text: Invalid input: expected string, received number" */
export function payloadError(channel: string, error: z.ZodError): IpcPayloadError {
  const issues = error.issues.map((i) => `${formatPath(i.path) || '(arguments)'}: ${i.message}`);
  return new IpcPayloadError(`invalid arguments for ${channel}: ${issues.join('; ')}`);
}

export function createIpcRouter(options: IpcRouterOptions = {}): IpcRouter {
  const log = options.log ?? ((m: string) => console.warn(`[ipc] ${m}`));
  const registered = new Set<IpcRequestChannel>();

  return {
    handle(channel, handler) {
      if (registered.has(channel)) throw new Error(`IPC channel ${channel} already has a handler`);
      registered.add(channel);
      const schema = ipcRequests[channel];
      ipcMain.handle(channel, async (event, ...raw: unknown[]) => {
        if (!isTrustedSender(event.senderFrame) || (options.isOurWebContents && !options.isOurWebContents(event.sender))) {
          log(`dropped ${channel} from untrusted sender ${event.senderFrame?.url ?? '(gone)'}`);
          throw new Error(`${channel}: sender not allowed`);
        }
        const parsed = schema.safeParse(raw);
        if (!parsed.success) {
          const err = payloadError(channel, parsed.error);
          log(err.message);
          throw err;
        }
        return handler(event, ...(parsed.data as z.output<(typeof ipcRequests)[typeof channel]>));
      });
    },
    assertComplete() {
      const missing = (Object.keys(ipcRequests) as IpcRequestChannel[]).filter((c) => !registered.has(c));
      if (missing.length > 0) throw new Error(`IPC channels without a handler: ${missing.join(', ')}`);
    },
    dispose() {
      for (const c of registered) ipcMain.removeHandler(c);
      registered.clear();
    },
  };
}

/** Main → renderer event, typed by the contract; silently skipped once the page is gone. */
export function sendEvent<E extends IpcEventChannel>(target: WebContents, channel: E, payload: IpcEvents[E]): void {
  if (!target.isDestroyed()) target.send(channel, payload);
}

import type { EmulatorDeps, EventOutcome, FireOutcome, PlatformEvent } from '../deps.js';
import type { TriggerRow } from '../triggers/index.js';
import { EVENT_TYPE_PREFIX, matchingTriggers } from './event-matching.js';
import { messagePostedData, recordPersonMessage } from './message-events.js';
import { logTriggerRefusal } from './trigger-entries.js';
import type { MessageRow } from '../messages/index.js';

/**
 * The loop guard: at most this many workflows in a row start from events that workflows caused (a message one
 * posts starting another, whose message starts the next…). Slack has no such limit that it documents, and it
 * fires message_posted for apps' messages too; without one, a workflow whose message matches its own trigger
 * would run until the emulator stopped.
 */
export const MAX_EVENT_CHAIN = 10;

export interface DispatcherOptions {
  /** Starts the trigger's workflow with the event as the trip's data; `chain` is how many events in a row led to it. */
  start(trigger: TriggerRow, data: Record<string, unknown>, at: number, chain: number): Promise<FireOutcome>;
  /** How many events in a row led to this running execution (0 for one no event started). */
  chainOf(workflowExecutionId: string): number;
  /** Runs the task after the current one has returned (and not at all once the engine is closing). */
  later(task: () => Promise<unknown>): void;
}

/**
 * Event triggers (runtime contract §1.5, §6.2 item 2): an event that happens in a team starts the workflow
 * of each of the team's event triggers that listens for it, with the event as the trip's data. Messages the
 * message log records are message_posted events; any event can also be posted through the control endpoint.
 */
export class EventDispatcher {
  /** While the dispatcher records a person's message itself: it dispatches that message, not the listener. */
  private recording = false;

  constructor(
    private readonly deps: EmulatorDeps,
    private readonly o: DispatcherOptions,
  ) {}

  /**
   * A message the log recorded. Its triggers start after the post has answered (the posting workflow does not
   * wait for them), but the chain it belongs to is read now, while the posting execution is still running.
   */
  messagePosted(message: MessageRow): void {
    if (this.recording) return;
    const chain = (message.workflow_execution_id === null ? 0 : this.o.chainOf(message.workflow_execution_id)) + 1;
    this.o.later(() =>
      this.dispatch({ name: 'message_posted', teamId: message.team_id, data: messagePostedData(this.deps, message) }, message.posted_at, chain),
    );
  }

  /** An event posted through the control endpoint (checked there): a person's message is recorded in the log first. */
  async post(event: PlatformEvent): Promise<EventOutcome> {
    const at = this.deps.now();
    if (event.name !== 'message_posted') return this.dispatch(event, at, 1);
    this.recording = true;
    let message: MessageRow;
    try {
      message = recordPersonMessage(this.deps, event.teamId, event.data);
    } finally {
      this.recording = false;
    }
    return this.dispatch({ ...event, data: messagePostedData(this.deps, message) }, at, 1);
  }

  private async dispatch(event: PlatformEvent, at: number, chain: number): Promise<EventOutcome> {
    const data: Record<string, unknown> = { ...event.data, event_type: `${EVENT_TYPE_PREFIX}${event.name}` };
    const outcome: EventOutcome = { data, started: [], refused: [] };
    for (const trigger of matchingTriggers(this.deps, { ...event, data }, at)) {
      if (chain > MAX_EVENT_CHAIN) {
        const errors = [
          `${event.name} in ${String(data.channel_id ?? event.teamId)} came from a workflow that ${MAX_EVENT_CHAIN} events in a row started: ` +
            'the emulator starts no more, so a workflow whose message starts itself cannot run forever. ' +
            "Give the trigger a filter that passes over the app's own messages, e.g. {{data.user_id}} != <the app's bot user>.",
        ];
        logTriggerRefusal(this.deps, trigger, data, 'event_chain_too_long', errors);
        outcome.refused.push({ trigger_id: trigger.id, error: 'event_chain_too_long', errors });
        continue;
      }
      const started = await this.o.start(trigger, data, at, chain);
      if (started.ok) outcome.started.push({ trigger_id: trigger.id, workflow_execution_id: started.workflow_execution_id, trace_id: started.trace_id });
      else outcome.refused.push({ trigger_id: trigger.id, error: started.error, errors: started.errors });
    }
    return outcome;
  }
}

import { useState } from 'preact/hooks';
import { Await, useJson } from '../../components/load.js';
import { useLive } from '../../live.js';
import { Message } from './message.js';
import type { ChannelEntry, MessagesAnswer } from './types.js';

/** One channel's messages, newest first, a page at a time (`before` walks to older ones); re-read when one is posted there. */
export function ChannelMessages({ channel }: { channel: ChannelEntry }) {
  const [before, setBefore] = useState<string[]>([]);
  const loaded = useJson<MessagesAnswer>('messages', { channel: channel.id, before: before.at(-1) });
  useLive('message', (n) => n.channel_id === channel.id && loaded.reload());
  const label = channel.name === null ? channel.id : `#${channel.name}`;
  return (
    <section class="channel" aria-labelledby="channel-heading">
      <h2 id="channel-heading">
        {label} <span class="muted mono">{channel.id}</span>
      </h2>
      <Await loaded={loaded}>
        {(answer) => (
          <>
            {answer.messages.length === 0 ? (
              <p class="muted">Nothing posted here yet. Messages appear as workflows post them.</p>
            ) : (
              <ol class="messages" data-testid="messages">
                {answer.messages.map((m) => (
                  <li key={m.ts}>
                    <Message m={m} />
                    {m.replies.length > 0 && (
                      <ol class="replies" aria-label={`Replies in the thread of ${m.ts}`}>
                        {m.replies.map((r) => (
                          <li key={r.ts}>
                            <Message m={r} />
                          </li>
                        ))}
                      </ol>
                    )}
                  </li>
                ))}
              </ol>
            )}
            <div class="pager">
              {before.length > 0 && (
                <button type="button" class="secondary" onClick={() => setBefore(before.slice(0, -1))}>
                  Newer messages
                </button>
              )}
              {answer.next_before !== null && (
                <button type="button" class="secondary" onClick={() => setBefore([...before, answer.next_before as string])}>
                  Older messages
                </button>
              )}
            </div>
          </>
        )}
      </Await>
    </section>
  );
}

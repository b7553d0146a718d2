import '../styles/messages.css';
import { Await, useJson } from '../components/load.js';
import { Layout } from '../layout.js';
import { useLive } from '../live.js';
import { paths, useLocation } from '../router.js';
import { ChannelMessages } from './messages/channel-messages.js';
import type { ChannelsAnswer } from './messages/types.js';

/** `/messages`: what apps posted, by channel (`?channel=`), threads under their parent; live on new messages. */
export function MessagesPage() {
  const { search } = useLocation();
  const channels = useJson<ChannelsAnswer>('messages/channels');
  useLive('message', () => channels.reload());
  return (
    <Layout title="Messages" crumbs={[{ label: 'Overview', href: paths.overview() }, { label: 'Messages' }]}>
      <Await loaded={channels}>
        {(answer) => {
          const asked = search.get('channel');
          const chosen = answer.channels.find((c) => c.id === asked) ?? answer.channels.find((c) => c.messages > 0) ?? answer.channels[0];
          if (!chosen) return <p class="muted">The team has no channels.</p>;
          return (
            <div class="messages-page">
              <nav class="channels" aria-label="Channels">
                <h2 id="channels-heading">Channels</h2>
                <ul aria-labelledby="channels-heading">
                  {answer.channels.map((c) => (
                    <li key={c.id}>
                      <a href={`${paths.messages()}?channel=${encodeURIComponent(c.id)}`} aria-current={c.id === chosen.id ? 'page' : undefined}>
                        {c.name === null ? c.id : `#${c.name}`}
                      </a>{' '}
                      <span class="count">
                        {c.messages.toLocaleString('en')}
                        <span class="visually-hidden"> messages</span>
                      </span>
                    </li>
                  ))}
                </ul>
              </nav>
              <ChannelMessages key={chosen.id} channel={chosen} />
            </div>
          );
        }}
      </Await>
    </Layout>
  );
}

// A scheduled trigger: greets the team every weekday at 09:00 UTC. The first run is
// tomorrow morning, computed when the file is read, so the definition never starts in the past.
const tomorrow = new Date(Date.now() + 24 * 3_600_000).toISOString().slice(0, 10);

export default {
  type: 'scheduled',
  name: 'Morning greeting',
  description: 'Greets the team on weekday mornings',
  workflow: '#/workflows/greet_and_remember',
  inputs: { name: { value: 'team' } },
  schedule: {
    start_time: `${tomorrow}T09:00:00Z`,
    timezone: 'UTC',
    frequency: { type: 'weekly', on_days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] },
  },
};

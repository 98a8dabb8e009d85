self.addEventListener('install', () => self.skipWaiting()); self.addEventListener('fetch', (e) => e.respondWith(fetch('{{OUTSIDE}}/sub/sw-fetch')));

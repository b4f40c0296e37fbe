# syntax=docker/dockerfile:1
# Framework runner: the Playwright suite in the official Playwright image, whose version matches
# @playwright/test in package.json (1.65.2) so that its Chromium is the one Playwright expects.
#   docker build -t elysium-nova/runner .
#   docker run --rm -e NOVA_IRIS_URL=http://iris:3101 elysium-nova/runner
FROM mcr.microsoft.com/playwright:v1.65.2-noble
WORKDIR /work
ENV CI=true \
  NOVA_SKIP_BROWSER=1
COPY --chown=pwuser:pwuser package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY --chown=pwuser:pwuser . .
# Records the image's Chromium in .nova/browser.json; no download happens, because it is already on disk.
RUN NOVA_SKIP_BROWSER= node_modules/.bin/tsx framework/browser/provision-cli.ts \
  && chown -R pwuser:pwuser /work
# pwuser is the unprivileged user of the Playwright image; Chromium then keeps its sandbox.
USER pwuser
CMD ["npm", "start"]

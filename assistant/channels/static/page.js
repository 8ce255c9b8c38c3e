/* The page's elements, found once by id, and the one way nodes are made.
 *
 * Text from the server is only ever put on the page with textContent (never
 * innerHTML), so a quote or a child's name cannot inject markup.
 */

const IDS = {
  skipLink: "skip-link",
  signin: "signin",
  signinForm: "signin-form",
  workerId: "worker-id",
  password: "password",
  signinButton: "signin-button",
  signinError: "signin-error",
  signinNotice: "signin-notice",
  account: "account",
  workerName: "worker-name",
  workerRole: "worker-role",
  signoutButton: "signout-button",
  chat: "chat",
  newConversation: "new-conversation",
  starters: "starters",
  messages: "messages",
  chatStatus: "chat-status",
  messageForm: "message-form",
  messageInput: "message-input",
  sendButton: "send-button",
  micButton: "mic-button",
  micLabel: "mic-label",
  panel: "panel",
  panelItems: "panel-items",
  panelEmpty: "panel-empty",
  panelError: "panel-error",
  panelUpdated: "panel-updated",
  panelWindow: "panel-window",
  panelSummary: "panel-summary",
  panelRefresh: "panel-refresh"
};

/** The elements by name (el.messages, el.micButton, ...), filled by findElements. */
export const el = {};

/** Look every element up once, before any module uses them. */
export function findElements() {
  Object.keys(IDS).forEach((name) => {
    el[name] = document.getElementById(IDS[name]);
  });
}

/** A new element with an optional class and text (always as text, never as markup). */
export function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  return node;
}

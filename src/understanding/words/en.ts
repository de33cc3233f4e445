import type { Words } from './types';
import { enFilters } from './filters';
import { enForm } from './form';
import { enNotNames } from './enNotNames';
import { enTime } from './enTime';

export const en: Words = {
  markers: [
    'the', 'and', 'of', 'not', 'why', 'who', 'what', 'when', 'did', 'does', 'didnt', "didn't", 'can', "can't", 'cant',
    'cannot', 'could', "couldn't", 'couldnt', 'i', 'my', 'yesterday', 'today', 'sign', 'signed', 'signin', 'log',
    'logged', 'login', 'logins', 'failed', 'fail', 'failing', 'to', 'into', 'on', 'at', 'last', 'past', 'this', 'has',
    'have', 'about', 'for', 'with', 'since', 'between', 'show', 'mean', 'means', 'error', 'locked', 'blocked', 'out',
    'anyone', 'someone', 'hours', 'days', 'morning', 'afternoon', 'evening', 'night', 'please', 'more', 'details',
    'tell', 'get', 'got', 'isnt', "isn't", 'were', 'any', 'all', 'users', 'ago', 'explain', 'happened',
    'sign-in', 'sign-ins', 'signins', 'how', 'able', 'unable', 'account', 'second', 'first', 'one', 'hour', 'week',
  ],

  time: enTime,

  intent: {
    failure: [
      'fail*', "can't", 'cant', 'cannot', 'can not', "couldn't", 'couldnt', 'could not', 'unable', 'not able', "won't let",
      'wont let', "doesn't work", 'doesnt work', "didn't work", 'didnt work', 'not working', "isn't working",
      'isnt working', 'block*', 'locked', 'lockout*', 'lock out', 'locks out', 'denied', 'deny', 'reject*', 'error*',
      'problem*', 'issue*', 'trouble*', 'wrong', 'broken', 'stuck', 'why', 'disabled', 'expired', 'invalid',
      'incorrect', 'mfa', '2fa', 'prompt*', 'password*', 'conditional access', 'unsuccessful', 'kicked out', 'keeps asking',
      'keep asking', 'keeps getting', 'keep getting', 'interrupted', 'timed out', 'timeout', 'suspicious', 'risky',
      'compromised', 'hacked', 'down', 'outage', 'what happened', "what's up with", 'whats up with', "what's going on with",
      'whats going on with', 'what is going on with', 'how come', 'no access', 'access denied', 'unauthorized', 'unauthorised',
      'logged out', 'logging me out', 'logs me out', 'log me out', 'logging out', 'signed out', 'signs me out',
      'signing me out', 'sign me out', 'kicks me out', 'kicking me out', 'kicked me out', 'thrown out', 'booted out',
      'not letting me', "isn't letting me", 'isnt letting me', 'not accepting', "doesn't accept", 'doesnt accept',
    ],
    troubleshoot: [
      'check', 'checking', 'look into', 'look at', 'look up', 'lookup', 'investigate', 'troubleshoot', 'diagnose',
      'status', 'pull up',
    ],
    signin: [
      'sign in', 'sign ins', 'sign-in*', 'signin*', 'signed in', 'signing in', 'signs in', 'sign on', 'sign-on',
      'signon', 'sso', 'log in', 'log ins', 'log-in*', 'login*', 'logged in', 'logging in', 'logs in', 'log on', 'log-on',
      'logon*', 'logged on', 'logging on', 'logs on', 'authenticat*', 'activity', 'activities', 'history', 'last seen',
      'accessed', 'active', 'attempts', 'attempt',
    ],
    signinInto: [
      'log into', 'logged into', 'logging into', 'logs into', 'log onto', 'logged onto', 'logging onto', 'sign into',
      'signed into', 'signing into', 'signs into', 'sign onto', 'signed onto', 'get into', 'getting into', 'got into',
    ],
    explain: [
      'how do i fix', 'how to fix', 'how can i fix', 'how do we fix', 'fix for', 'how to solve', 'how do i solve',
      'what does', 'what do', 'mean', 'means', 'meaning', 'explain*', 'define', 'definition', 'describe',
      'tell me about', 'info on', 'info about', 'information about', 'stand for', 'stands for',
    ],
    explainBeforeCode: ['what is', "what's", 'whats', 'what is the', 'what is error', 'what is code'],
    help: [
      'help', 'what can you do', 'what do you do', 'how does this work', 'how do i use', 'how to use', 'commands',
      'usage', 'examples', 'example', 'hi', 'hello', 'hey', 'hiya', 'yo', 'good morning', 'good afternoon',
      'good evening', 'who are you', 'what are you', 'menu', 'options', 'start', 'get started', '?',
    ],
    codeLabel: ['aadsts', 'error code', 'errorcode', 'error', 'err', 'code', 'status code', 'status'],
    correlationLabel: ['correlation id', 'correlation-id', 'correlationid', 'correlation', 'corr id', 'corr-id'],
    requestLabel: ['request id', 'request-id', 'requestid', 'req id', 'trace id', 'trace-id', 'traceid'],
    subscribe: [
      'notify', 'alert', 'warn', 'inform', 'subscribe', 'subscribe to', 'post', 'send alerts', 'keep us posted', 'keep me posted',
      'let us know', 'let me know', 'let this channel know', 'ping',
    ],
    unsubscribe: [
      'stop notifying', 'stop notifications', 'stop the notifications', 'stop alerting', 'stop the alerts', 'stop alerts', 'stop posting',
      'stop sending alerts', 'unsubscribe', 'no more alerts', 'no more notifications', 'turn off alerts', 'turn off notifications',
      'turn alerts off', 'turn notifications off', 'switch off alerts', 'mute alerts',
    ],
    incidentTopic: [
      'incident*', 'outage*', 'sign-in problems', 'sign in problems', 'signin problems', 'login problems', 'log-in problems',
      'sign-in issues', 'sign in issues', 'login issues', 'sign-in failures', 'mass failures',
    ],
    count: [
      'how many', 'how often', 'how frequently', 'number of', 'count of', 'count', 'pattern', 'patterns', 'statistics',
      'stats', 'summary', 'summarise', 'summarize', 'breakdown', 'top error codes', 'top errors', 'top codes',
      'most common', 'per day', 'per app', 'status of those', 'status of these', 'status of them', 'sign in to most', 'sign into most', 'how much',
    ],
  },

  subject: {
    self: ['i', 'me', 'my', 'mine', 'myself', "i'm", 'im', "i've", 'ive', "i'd", "i'll"],
    notSelf: ['show me', 'tell me', 'give me', 'let me', 'send me', 'get me', 'find me', 'remind me', 'let me know'],
    someoneElse: [
      'my colleague', 'my colleagues', 'my coworker', 'my co-worker', 'my manager', 'my boss', 'my user', 'my users',
      'my team', 'my employee', 'my staff', 'my assistant', 'my client', 'my customer',
    ],
    selfWhenNoSubject: [
      "can't", 'cant', 'cannot', 'can not', 'unable to', 'keep getting', 'not able to', 'not working', "isn't working",
      'isnt working', "doesn't work", 'doesnt work', "won't work", 'wont work', 'keeps failing', "won't let", 'wont let',
    ],
    anyone: [
      'who', 'whom', 'anyone', 'anybody', 'someone', 'somebody', 'everyone', 'everybody', 'any user*', 'all user*',
      'which user*', 'what user*', 'users', 'people', 'accounts', 'employees', 'staff', 'tenant-wide', 'tenant wide',
      'whole tenant', 'entire tenant', 'across the tenant', 'organization', 'organisation', 'company-wide', 'nobody',
    ],
    pluralEvents: [
      'failures', 'sign-ins', 'signins', 'sign ins', 'logins', 'log-ins', 'log ins', 'logons', 'lockouts', 'attempts',
      'errors', 'blocks', 'events', 'problems', 'issues', 'codes', 'error codes',
    ],
    groupNouns: ['team', 'teams', 'department', 'dept', 'group', 'groups', 'users', 'staff', 'people', 'office', 'division', 'unit'],
    nameParticles: ['van', 'de', 'der', 'den', 'ter', 'ten', 'la', 'le', 'du', 'da', 'di', 'von', 'del', 'dos', 'bin', 'al', 'el'],
    cuesBefore: [
      'for', 'about', 'of', 'did', 'does', 'is', 'was', 'has', 'had', 'can', 'could', "can't", 'cant', "couldn't",
      'couldnt', 'cannot', 'why', 'user', 'check', 'will', 'would', "isn't", 'isnt', "wasn't", 'wasnt', "hasn't", 'hasnt',
      "didn't", 'didnt', "doesn't", 'doesnt', "won't", 'wont', 'colleague', 'named', 'called', 'to', 'with', 'when',
      'where', 'has', 'have', 'investigate', 'lookup', 'employee', 'as',
    ],
    cuesAfter: [
      "can't", 'cant', 'cannot', "couldn't", 'couldnt', 'could', 'can', 'failed', 'fails', 'failing', 'is', 'was', 'has',
      'had', 'did', "didn't", 'didnt', 'keeps', 'kept', 'got', 'gets', 'getting', 'tried', 'tries', 'trying', "isn't",
      'isnt', "wasn't", 'wasnt', "hasn't", 'hasnt', 'says', 'said', 'reported', 'reports', 'logged', 'signed', 'locked',
      'blocked', 'unable', 'still', 'just', 'cannot', 'and', 'or',
    ],
    followUpOpeners: [
      'and what about', 'what about', 'how about', 'and for', 'and also', 'and', 'same for', 'same question for',
      'same thing for', 'now for', 'now', 'also', 'or', 'ok and', 'okay and', 'ok now', 'ok what about', 'then',
    ],
  },

  app: {
    prepositions: ['to', 'into', 'onto', 'on', 'out of', 'opening', 'reopening', 'launching', 'accessing'],
    weakPrepositions: ['in', 'with', 'for', 'at'],
    strongAfterSignIn: ['in', 'at'],
    articles: ['the', 'a', 'an'],
    notAfter: [
      'happened', 'happen', 'happening', 'going', 'due', 'up', 'according', 'similar', 'next', 'close', 'sent', 'send',
      'talk', 'talking', 'belongs', 'belong', 'assigned', 'report', 'info', 'information', 'details', 'detail', 'data',
      'focus', 'check', 'checking', 'look', 'looking', 'update', 'updates', 'stats', 'wrong', 'able', 'reply', 'email',
      'message', 'call', 'listen', 'reach', 'went', 'go', 'come', 'came', 'is', 'was', 'anyone', 'someone',
    ],
    workloadNouns: ['service principal', 'managed identity', 'app registration', 'enterprise app', 'app'],
    verbsBeforeApp: ['access', 'open', 'use', 'reach', 'load', 'launch', 'start', 'run'],
    notApps: [
      'hack', 'break', 'steal', 'my', 'his', 'her', 'their', 'your', 'our', 'its', 'this', 'that', 'these', 'those', 'it', 'me', 'him', 'them', 'us',
      'you', 'acct', 'laptop', 'phone', 'pc', 'computer', 'device', 'devices', 'mobile', 'desktop', 'browser', 'web', 'iphone',
      'android', 'ipad', 'tablet', 'mac', 'macbook', 'workstation', 'vm', 'office', 'home', 'work', 'time', 'order',
      'again', 'anymore', 'now', 'general', 'total', 'case', 'person', 'account', 'tenant', 'system', 'network',
      'any', 'all', 'some', 'every', 'one', 'each', 'there', 'here', 'case', 'fact', 'particular', 'progress', 'addition',
      'sign', 'log', 'use', 'access', 'connect', 'get', 'be', 'do', 'see', 'find', 'know', 'check', 'have',
    ],
  },

  followUp: {
    more: [
      'more', 'show more', 'see more', 'load more', 'give me more', 'show me more', 'more please', 'more results',
      'show more results', 'next', 'next page', 'next one', 'the rest', 'show the rest', 'show all', 'show everything',
      'and more', 'any more', 'anymore', 'older', 'show older', 'keep going', 'continue', 'go on',
    ],
    details: [
      'details of', 'details on', 'details about', 'details for', 'detail of', 'details', 'detail', 'more about',
      'more on', 'more info on', 'more info about', 'more information on', 'more information about', 'more info',
      'tell me more about', 'tell me about', 'show me', 'show', 'open', 'expand', 'what about', 'explain', 'info on',
      'info about', 'zoom in on', 'and', 'what happened in', 'what happened with',
    ],
    ordinals: {
      first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5,
      sixth: 6, '6th': 6, seventh: 7, '7th': 7, eighth: 8, '8th': 8, ninth: 9, '9th': 9, tenth: 10, '10th': 10,
    },
    items: ['one', 'item', 'entry', 'result', 'failure', 'sign-in', 'signin', 'login', 'event', 'record', 'row', 'line', 'error', 'attempt'],
  },

  category: {
    session: [
      'keep asking', 'keeps asking', 'kept asking', 'keeps prompting', 'keep prompting', 'sign in again',
      'session expired', 'session timeout', 'session errors', 'session error', 'token expired', 'expired token', 'refresh token',
      'token refresh*', 'background', 'non-interactive', 'noninteractive',
    ],
    conditional_access: ['conditional access', 'by ca', 'ca policy', 'ca policies', 'a ca policy', 'ca block*'],
    mfa: ['mfa', 'multi-factor', 'multifactor', 'two-factor', '2fa', 'authenticator prompt', 'authenticator'],
    device: ['device compliance', 'compliant', 'non-compliant', 'not compliant', 'noncompliant', 'unmanaged device', 'managed device'],
    account_state: ['disabled', 'account disabled', 'deactivated', 'account deleted'],
    consent: ['consent', 'consent prompt', 'consent errors', 'admin consent'],
    app_config: ['app configuration', 'configuration error*', 'redirect uri mismatch', 'redirect uri', 'reply url', 'misconfigured', 'misconfiguration'],
    federation: ['federation', 'federated', 'adfs'],
    network: ['blocked ip', 'ip address', 'ip blocked', 'from an ip'],
    password: ['password', 'passwords', 'wrong password', 'bad password', 'expired password', 'invalid password'],
    lockout: ['locked', 'locked out', 'lockout', 'lockouts', 'lock out', 'locked-out', 'account blocked', 'account is blocked', 'accounts blocked'],
  },

  screen: {
    openers: [
      "we're having trouble signing you in", 'we’re having trouble signing you in', 'we are having trouble signing you in',
      'troubleshooting details', 'copy info to clipboard', 'you cannot access this right now', "you can't access this right now",
      'you can’t access this right now', "you don't have access to this", 'you don’t have access to this',
      'your sign-in was successful but', 'need admin approval', 'your account has been locked', 'your account is locked',
      'your account or password is incorrect', 'more details', 'if you contact your administrator',
    ],
    timestampLabel: ['timestamp'],
    appNameLabel: ['app name', 'application name'],
    otherLabels: [
      'app id', 'ip address', 'device identifier', 'device platform', 'device state', 'message', 'request id',
      'correlation id', 'timestamp', 'advanced diagnostics', 'flag sign-in errors for review', 'trace id',
    ],
  },

  form: enForm,
  filters: enFilters,

  commonWordNames: [
    'will', 'may', 'mark', 'bill', 'grace', 'faith', 'hope', 'joy', 'summer', 'rose', 'sunny', 'june', 'chase', 'april',
    'art', 'pat', 'sue', 'rob', 'guy', 'dawn', 'eve', 'max', 'ben', 'pearl', 'ruby', 'jack', 'frank', 'drew', 'crystal',
  ],

  notNames: enNotNames,
};

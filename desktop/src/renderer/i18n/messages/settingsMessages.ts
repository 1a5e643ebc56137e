import { defineMessages } from '../defineMessages';

// The Settings screen: account and server, input device, latency calibration, note names, voice and language.

export const settingsMessages = defineMessages(
  {
    title: 'Settings',
    accountTitle: 'Account and server',
    localOnly: 'No server set: everything stays on this computer. Add one to send takes to the cloud.',
    serverUrl: 'Server address',
    saveServer: 'Save',
    clearServer: 'Use no server',
    checkConnection: 'Check connection',
    checking: 'Checking…',
    reachable: (ms: number) => `Server answered in ${ms.toFixed(0)} ms`,
    unreachable: (why: string) => `No answer from the server (${why})`,
    email: 'Email',
    password: 'Password (8 characters or more)',
    signUp: 'Sign up',
    logIn: 'Log in',
    logOut: 'Log out',
    signedInAs: (email: string) => `Signed in as ${email}`,
    signedOut: 'Not signed in. Local features work without an account.',
    until: (date: string) => `until ${date}`,
    tokenFileOnly:
      'No system keychain here: your sign-in is kept unencrypted in a file that only your user can read.',
    inputTitle: 'Input device',
    latencyTitle: 'Mic latency calibration',
    latencyHelp:
      'Plays short clicks through your speakers and listens for them on the microphone to measure the round trip. Turn the volume up and keep the room quiet; headphones will not work.',
    measure: 'Measure',
    measuring: (run: number, of: number) => `Measuring… run ${run} of ${of}`,
    runResult: (index: number, ms: number, clear: boolean) =>
      `Run ${index}: ${ms.toFixed(1)} ms${clear ? '' : ' (unclear, ignored)'}`,
    summary: (median: number, spread: number, accepted: number, total: number) =>
      `Round trip ${median.toFixed(1)} ms (spread ${spread.toFixed(1)} ms, ${accepted} of ${total} runs clear)`,
    noClick: 'No clear click came back. Turn the volume up, move the mic closer to a speaker, and try again.',
    current: (ms: number | null) =>
      ms === null ? 'Not calibrated yet.' : `Saved latency: ${ms.toFixed(1)} ms`,
    reset: 'Forget',
    namesTitle: 'Note names',
    namingBoth: 'Both (A4 · 2옥타브 라)',
    namingScientific: 'Scientific (A4)',
    namingKorean: 'Korean karaoke (2옥타브 라)',
    voiceTitle: 'Your voice',
    voiceHelp:
      'Pitch alone cannot tell a countertenor from a contralto: say which you are and the voice type uses it. Used on this computer only.',
    voiceUnset: 'Not set',
    voiceMale: 'Male',
    voiceFemale: 'Female',
    languageTitle: 'Language',
    about: (name: string, version: string, platform: string, dataDir: string | null) =>
      `${name} ${version} · ${platform} · data in ${dataDir ?? 'this browser'}`,
    failed: (why: string) => `Could not do that: ${why}`,
  },
  {
    title: '설정',
    accountTitle: '계정 및 서버',
    localOnly:
      '서버가 설정되지 않아 모든 것이 이 컴퓨터에만 저장됩니다. 녹음을 클라우드로 보내려면 서버를 추가하세요.',
    serverUrl: '서버 주소',
    saveServer: '저장',
    clearServer: '서버 사용 안 함',
    checkConnection: '연결 확인',
    checking: '확인 중…',
    reachable: (ms: number) => `서버가 ${ms.toFixed(0)}ms 만에 응답했습니다`,
    unreachable: (why: string) => `서버 응답 없음 (${why})`,
    email: '이메일',
    password: '비밀번호 (8자 이상)',
    signUp: '가입하기',
    logIn: '로그인',
    logOut: '로그아웃',
    signedInAs: (email: string) => `${email}(으)로 로그인됨`,
    signedOut: '로그인하지 않았습니다. 로컬 기능은 계정 없이도 쓸 수 있습니다.',
    until: (date: string) => `${date}까지`,
    tokenFileOnly:
      '이 시스템에는 키체인이 없어 로그인 정보가 암호화되지 않은 채 현재 사용자만 읽을 수 있는 파일에 저장됩니다.',
    inputTitle: '입력 장치',
    latencyTitle: '마이크 지연 보정',
    latencyHelp:
      '스피커로 짧은 클릭음을 재생하고 마이크로 다시 들어 왕복 지연을 잽니다. 볼륨을 높이고 조용한 곳에서 하세요. 헤드폰으로는 측정되지 않습니다.',
    measure: '측정하기',
    measuring: (run: number, of: number) => `측정 중… ${of}회 중 ${run}회째`,
    runResult: (index: number, ms: number, clear: boolean) =>
      `${index}회: ${ms.toFixed(1)}ms${clear ? '' : ' (불명확, 제외)'}`,
    summary: (median: number, spread: number, accepted: number, total: number) =>
      `왕복 지연 ${median.toFixed(1)}ms (편차 ${spread.toFixed(1)}ms, ${total}회 중 ${accepted}회 유효)`,
    noClick:
      '클릭음이 또렷하게 들리지 않았습니다. 볼륨을 높이고 마이크를 스피커 가까이 둔 뒤 다시 시도하세요.',
    current: (ms: number | null) =>
      ms === null ? '아직 보정하지 않았습니다.' : `저장된 지연: ${ms.toFixed(1)}ms`,
    reset: '지우기',
    namesTitle: '음이름 표기',
    namingBoth: '둘 다 (A4 · 2옥타브 라)',
    namingScientific: '과학적 표기 (A4)',
    namingKorean: '노래방 표기 (2옥타브 라)',
    voiceTitle: '내 목소리',
    voiceHelp:
      '음높이만으로는 카운터테너와 콘트랄토를 구별할 수 없습니다. 알려 주시면 성부 판정에 씁니다. 이 컴퓨터에서만 쓰입니다.',
    voiceUnset: '설정 안 함',
    voiceMale: '남성',
    voiceFemale: '여성',
    languageTitle: '언어',
    about: (name: string, version: string, platform: string, dataDir: string | null) =>
      `${name} ${version} · ${platform} · 데이터 위치: ${dataDir ?? '이 브라우저'}`,
    failed: (why: string) => `처리하지 못했습니다: ${why}`,
  },
);

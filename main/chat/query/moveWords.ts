/** The verbs of a move of people, declared once: the parser reads a move by them, and the word check counts them as read. */

/** Taking people away: 減らす, 抜く, 帰る, remove, pull out, go home, lose. */
export const REMOVE =
  /減ら|へら|抜|外し|外す|引っこ抜|引き上げ|帰っ|帰る|帰ら|早退|離脱|いなくな|remove|take away|take out|pull out|go(?:es)? home|went home|leaves? early|left early|drops? out|out sick|\blos(?:e|es|t|ing)\b|-\s*\d/;
/** A verb that moves people: 回す, 移す, 送る, 出す, 応援, go, move, send, lend. */
export const MOVE_VERB = /回|まわ|移|うつ|送|出し|出す|出せ|貸|応援|ヘルプ|\b(?:go|goes|went|move[sd]?|send|sent|lend|lent|shift|help)\b/;
/** Adding people: 追加, 増やす, 入れる, add. */
export const ADD = /追加|ついか|増や|ふや|足し|足す|入れ|加え|add|\+\s*\d/;
/**
 * Nouns a move speaks in: its people (チーム, 組, メンバー, team, crew), its consequence (影響, impact, effect), and where
 * people leaving go (home). With a move
 * read they are what its answer gives (who moves, and what happens on both sides), so they are read with it.
 */
export const MOVE_NOUN = /チーム|組|メンバー|人員|要員|影響|結果|team|crew|members?|impact|effects?|consequences?|home/;
/**
 * Other words a move is said with in English: its verbs («take 4 off», «borrow 2», «pull 3 out», «put them on») and where
 * people go when no place is said (elsewhere). Read with a move read, as its verbs are.
 */
export const MOVE_ALSO = /^(?:take[sn]?|took|taking|borrow(?:s|ed|ing)?|pull(?:s|ed|ing)?|bring(?:s|ing)?|brought|put(?:s|ting)?|elsewhere)$/;
/** Whether a move suffices (「足りる？」「いける？」, "enough?"): what a what-if's projection answers, so read with the move. */
export const MOVE_ENOUGH = /足りる|たりる|いける|enough|sufficient|suffice/;

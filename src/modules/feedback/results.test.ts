import { describe, expect, it } from "vitest";
import { type AnswerSet, defaultQuestions } from "./questionnaire.js";
import { summarise } from "./results.service.js";

// Counting answers: scales with counts and mean, per workshop only from three answers on
// (the organisers know who sat in a small workshop), choices and free texts.

describe("summarise", () => {
  const questions = defaultQuestions(true);
  const workshops = new Map([
    ["w1", "Sprachförderung im Alltag"],
    ["w2", "Bewegte Kita"],
  ]);
  const rows: AnswerSet[] = [
    { overall: 5, workshop: "w1", workshops: 4, takeaway: "Mehr Bewegung" },
    { overall: 4, workshop: "w1", workshops: 5 },
    { overall: 3, workshop: "w1", workshops: 3 },
    { overall: 2, workshop: "w2", workshops: 1 },
    { content: 4 },
  ];
  const results = summarise(questions, rows, workshops);
  const of = (id: string) => results.find((r) => r.question.id === id);

  it("counts each value of a scale and gives the mean of those who answered", () => {
    expect(of("overall")?.answered).toBe(4);
    expect(of("overall")?.counts.map((c) => c.count)).toEqual([0, 1, 1, 1, 1]);
    expect(of("overall")?.mean).toBe(3.5);
  });

  it("gives a workshop's mean from three answers on, and hides it below", () => {
    expect(of("workshops")?.byWorkshop).toEqual([
      { workshop: "Sprachförderung im Alltag", answered: 3, mean: 4 },
      { workshop: "Bewegte Kita", answered: 1, mean: null },
    ]);
    expect(of("workshop")?.counts).toEqual([
      { label: "Sprachförderung im Alltag", count: 3 },
      { label: "Bewegte Kita", count: 1 },
    ]);
  });

  it("lists the free texts", () => {
    expect(of("takeaway")?.texts).toEqual(["Mehr Bewegung"]);
    expect(of("comments")?.answered).toBe(0);
  });
});

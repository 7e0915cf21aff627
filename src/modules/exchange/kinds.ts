// The kinds of posts: the API's codes, and the German words of the addresses (?art=angebot).

export const postKinds = ["idea", "experience", "practice", "offer", "request"] as const;
export type PostKind = (typeof postKinds)[number];

export const kindSlugs: Record<PostKind, string> = {
  idea: "idee",
  experience: "erfahrung",
  practice: "praxisbeispiel",
  offer: "angebot",
  request: "gesuch",
};

export const kindOfSlug = (slug: string | undefined): PostKind | undefined =>
  postKinds.find((k) => kindSlugs[k] === slug || k === slug);

/** Offers and requests are "open" until done or past their date; they alone have one. */
export const isOfferOrRequest = (kind: string): boolean => kind === "offer" || kind === "request";

export const postStatuses = ["draft", "published", "archived", "done"] as const;
export type PostStatus = (typeof postStatuses)[number];

/** A practice example's fields, in the order the form and the page show them. */
export const practiceFields = ["goal", "audience", "actors", "activities", "results", "transfer", "contact"] as const;
export type PracticeField = (typeof practiceFields)[number];
export type Practice = Partial<Record<PracticeField, string>>;
